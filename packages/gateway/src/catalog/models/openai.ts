import type { CatalogModelInput } from "../schema.js";

const SOURCE = "https://platform.openai.com/docs/pricing";
const CHECKED = "2026-11-23";
const chat = { streaming: true, tools: true, parallelTools: true, vision: true, jsonOutput: true, structuredOutput: true, reasoning: false };

export const OPENAI_MODELS: CatalogModelInput[] = [
  {
    id: "openai/gpt-4o",
    model: "gpt-4o",
    provider: "openai",
    providerModelId: "gpt-4o",
    aliases: ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"],
    name: "GPT-4o",
    contextLength: 128_000,
    maxOutput: 16_384,
    capabilities: chat,
    deprecationDate: null,
    price: { input: 2.5, cachedInput: 1.25, output: 10, source: SOURCE, checkedAt: CHECKED },
  },
  {
    id: "openai/gpt-4o-mini",
    model: "gpt-4o-mini",
    provider: "openai",
    providerModelId: "gpt-4o-mini",
    aliases: ["gpt-4o-mini-2024-07-18"],
    name: "GPT-4o mini",
    contextLength: 128_000,
    maxOutput: 16_384,
    capabilities: chat,
    deprecationDate: null,
    price: { input: 0.15, cachedInput: 0.075, output: 0.6, source: SOURCE, checkedAt: CHECKED },
  },
  {
    id: "openai/gpt-4.1-nano",
    model: "gpt-4.1-nano",
    provider: "openai",
    providerModelId: "gpt-4.1-nano",
    aliases: ["gpt-4.1-nano-2025-04-14"],
    name: "GPT-4.1 nano",
    contextLength: 1_047_576,
    maxOutput: 32_768,
    capabilities: chat,
    deprecationDate: null,
    price: { input: 0.1, cachedInput: 0.025, output: 0.4, source: SOURCE, checkedAt: CHECKED },
  },
];
