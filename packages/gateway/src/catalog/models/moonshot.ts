import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Moonshot AI's international (USD) pricing page. */
const MOONSHOT_PRICING = "https://platform.moonshot.ai/docs/pricing/chat";

// `cachedInput` is the automatic-cache hit price. Moonshot has said the kimi-k2 series will be
// discontinued but had not announced a date when these were read.
const specs: ModelSpec[] = [
  {
    id: "kimi-k2.6",
    name: "Kimi K2.6",
    context: 262_144,
    maxOutput: 262_144,
    caps: caps.multimodalReasoning,
    price: { input: 0.95, cachedInput: 0.16, output: 4 },
  },
  {
    id: "kimi-k2.5",
    name: "Kimi K2.5",
    context: 262_144,
    maxOutput: 262_144,
    caps: caps.multimodalReasoning,
    price: { input: 0.6, cachedInput: 0.1, output: 3 },
  },
  {
    id: "kimi-k2-0905-preview",
    model: "kimi-k2-instruct-0905",
    name: "Kimi K2 (0905)",
    context: 262_144,
    maxOutput: 262_144,
    caps: caps.textStructured,
    price: { input: 0.6, cachedInput: 0.15, output: 2.5 },
  },
  {
    id: "kimi-k2-thinking",
    name: "Kimi K2 Thinking",
    context: 262_144,
    maxOutput: 262_144,
    caps: caps.textReasoning,
    price: { input: 0.6, cachedInput: 0.15, output: 2.5, checkedAt: "2025-11-06" },
  },
];

export const MOONSHOT_MODELS = entriesFor("moonshot", { source: MOONSHOT_PRICING, checkedAt: CHECKED }, specs);
