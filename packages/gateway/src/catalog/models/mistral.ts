import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Mistral's API pricing page. */
const MISTRAL_PRICING = "https://mistral.ai/pricing#api-pricing";

// Mistral publishes a context window per model but no separate output cap; maxOutput is the context.
// Mistral Medium 3.5 and Small 4 are listed under their `-latest` names because their dated ids were
// not confirmed.
const vision = caps.multimodal;
const text = caps.textStructured;
const reasoning = caps.multimodalReasoning;

const specs: ModelSpec[] = [
  {
    id: "mistral-medium-latest",
    model: "mistral-medium-3.5",
    name: "Mistral Medium 3.5",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 1.5, output: 7.5 },
  },
  {
    id: "mistral-medium-2508",
    model: "mistral-medium-3.1",
    name: "Mistral Medium 3.1",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 0.4, output: 2 },
  },
  {
    id: "mistral-large-2512",
    model: "mistral-large-3",
    name: "Mistral Large 3",
    aliases: ["mistral-large-latest"],
    context: 262_144,
    maxOutput: 262_144,
    caps: vision,
    price: { input: 0.5, output: 1.5 },
  },
  {
    id: "mistral-small-latest",
    model: "mistral-small-4",
    name: "Mistral Small 4",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 0.1, output: 0.3 },
  },
  {
    id: "mistral-small-2506",
    model: "mistral-small-3.2",
    name: "Mistral Small 3.2",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 0.1, output: 0.3 },
  },
  {
    id: "magistral-medium-2509",
    model: "magistral-medium-1.2",
    name: "Magistral Medium 1.2",
    aliases: ["magistral-medium-latest"],
    context: 131_072,
    maxOutput: 131_072,
    caps: reasoning,
    price: { input: 2, output: 5 },
  },
  {
    id: "magistral-small-2509",
    model: "magistral-small-1.2",
    name: "Magistral Small 1.2",
    aliases: ["magistral-small-latest"],
    context: 131_072,
    maxOutput: 131_072,
    caps: reasoning,
    price: { input: 0.5, output: 1.5 },
  },
  {
    id: "codestral-2508",
    model: "codestral",
    name: "Codestral 25.08",
    aliases: ["codestral-latest"],
    context: 256_000,
    maxOutput: 256_000,
    caps: text,
    price: { input: 0.3, output: 0.9 },
  },
  {
    id: "devstral-2512",
    model: "devstral-2",
    name: "Devstral 2",
    aliases: ["devstral-medium-latest"],
    context: 262_144,
    maxOutput: 262_144,
    caps: text,
    price: { input: 0.4, output: 2 },
  },
  {
    id: "devstral-small-2507",
    model: "devstral-small-1.1",
    name: "Devstral Small 1.1",
    context: 131_072,
    maxOutput: 131_072,
    caps: text,
    price: { input: 0.1, output: 0.3 },
  },
  {
    id: "ministral-8b-latest",
    model: "ministral-3-8b",
    name: "Ministral 3 8B",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 0.15, output: 0.15 },
  },
  {
    id: "ministral-3b-latest",
    model: "ministral-3-3b",
    name: "Ministral 3 3B",
    context: 131_072,
    maxOutput: 131_072,
    caps: vision,
    price: { input: 0.1, output: 0.1 },
  },
  {
    id: "mistral-embed",
    name: "Mistral Embed",
    context: 8_192,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.1, output: 0 },
  },
  {
    id: "open-mixtral-8x22b",
    model: "mixtral-8x22b-instruct",
    name: "Mixtral 8x22B (Mistral API)",
    context: 65_536,
    maxOutput: 65_536,
    caps: caps.text,
    shutdown: "2025-03-30",
    deactivated: true,
    price: { input: 2, output: 6, checkedAt: "2024-11-25" },
  },
];

export const MISTRAL_MODELS = entriesFor("mistral", { source: MISTRAL_PRICING, checkedAt: CHECKED }, specs);
