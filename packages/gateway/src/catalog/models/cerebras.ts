import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Cerebras's pricing page. */
const CEREBRAS_PRICING = "https://www.cerebras.ai/pricing";

// Pay-per-token developer prices. None was read on a page this session; each carries the date it is known
// to have held, and Cerebras has been rotating its model list, so these need a check against the page.
const KNOWN = "2025-09-01";

const specs: ModelSpec[] = [
  {
    id: "llama-3.3-70b",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B (Cerebras)",
    context: 131_072,
    maxOutput: 65_536,
    caps: caps.textStructured,
    price: { input: 0.85, output: 1.2 },
  },
  {
    id: "llama3.1-8b",
    model: "llama-3.1-8b-instruct",
    name: "Llama 3.1 8B (Cerebras)",
    context: 32_768,
    maxOutput: 8_192,
    caps: caps.textStructured,
    price: { input: 0.1, output: 0.1 },
  },
  {
    id: "gpt-oss-120b",
    name: "gpt-oss-120b (Cerebras)",
    context: 131_072,
    maxOutput: 65_536,
    caps: { ...caps.textStructured, reasoning: true },
    price: { input: 0.35, output: 0.75 },
  },
  {
    id: "qwen-3-235b-a22b-instruct-2507",
    model: "qwen3-235b-a22b-instruct-2507",
    name: "Qwen3 235B A22B Instruct 2507 (Cerebras)",
    context: 131_072,
    maxOutput: 64_000,
    caps: caps.textStructured,
    price: { input: 0.6, output: 1.2 },
  },
];

export const CEREBRAS_MODELS = entriesFor("cerebras", { source: CEREBRAS_PRICING, checkedAt: KNOWN }, specs);
