import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Azure OpenAI's pricing page (Global Standard deployments). */
const AZURE_PRICING = "https://azure.microsoft.com/en-us/pricing/details/cognitive-services/openai-service/";

// Azure calls the model through a deployment whose name the customer chooses; `id` here is the base
// model name, which is what Azure reports back in `model`. Global Standard prices match OpenAI's list
// prices; Data Zone and Regional deployments cost more. Azure retires models on its own schedule
// (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/model-retirements), which was not
// read for the models still served, so they carry no date. The prices were not read on Azure's page this
// session; each carries the date it is known to have held on OpenAI's list.
const chat = caps.multimodal;
const reasoning = caps.multimodalReasoning;

const specs: ModelSpec[] = [
  {
    id: "gpt-5",
    name: "GPT-5 (Azure)",
    aliases: ["gpt-5-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 1.25, cachedInput: 0.125, output: 10, checkedAt: "2025-08-07" },
  },
  {
    id: "gpt-5-mini",
    name: "GPT-5 mini (Azure)",
    aliases: ["gpt-5-mini-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 0.25, cachedInput: 0.025, output: 2, checkedAt: "2025-08-07" },
  },
  {
    id: "gpt-5-nano",
    name: "GPT-5 nano (Azure)",
    aliases: ["gpt-5-nano-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 0.05, cachedInput: 0.005, output: 0.4, checkedAt: "2025-08-07" },
  },
  {
    id: "gpt-4.1",
    name: "GPT-4.1 (Azure)",
    aliases: ["gpt-4.1-2025-04-14"],
    context: 1_047_576,
    maxOutput: 32_768,
    caps: chat,
    price: { input: 2, cachedInput: 0.5, output: 8, checkedAt: "2025-06-01" },
  },
  {
    id: "gpt-4.1-mini",
    name: "GPT-4.1 mini (Azure)",
    aliases: ["gpt-4.1-mini-2025-04-14"],
    context: 1_047_576,
    maxOutput: 32_768,
    caps: chat,
    price: { input: 0.4, cachedInput: 0.1, output: 1.6, checkedAt: "2025-06-01" },
  },
  {
    id: "o3",
    name: "o3 (Azure)",
    aliases: ["o3-2025-04-16"],
    context: 200_000,
    maxOutput: 100_000,
    caps: reasoning,
    price: { input: 2, cachedInput: 0.5, output: 8, checkedAt: "2025-06-10" },
  },
  {
    id: "text-embedding-3-large",
    name: "text-embedding-3-large (Azure)",
    context: 8_191,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.13, output: 0, checkedAt: "2025-06-01" },
  },
  {
    id: "text-embedding-3-small",
    name: "text-embedding-3-small (Azure)",
    context: 8_191,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.02, output: 0, checkedAt: "2025-06-01" },
  },
  {
    id: "gpt-4.5-preview",
    name: "GPT-4.5 (preview, Azure)",
    context: 128_000,
    maxOutput: 16_384,
    caps: chat,
    shutdown: "2025-07-14",
    deactivated: true,
    price: { input: 75, cachedInput: 37.5, output: 150, checkedAt: "2025-06-01" },
  },
  {
    id: "o1-preview",
    name: "o1-preview (Azure)",
    context: 128_000,
    maxOutput: 32_768,
    caps: { ...caps.text, tools: false, parallelTools: false, jsonOutput: false, reasoning: true },
    shutdown: "2025-07-28",
    deactivated: true,
    price: { input: 15, cachedInput: 7.5, output: 60, checkedAt: "2025-06-01" },
  },
];

export const AZURE_OPENAI_MODELS = entriesFor("azure-openai", { source: AZURE_PRICING, checkedAt: "2025-08-07" }, specs);
