import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** DeepSeek's pricing page. */
const DEEPSEEK_PRICING = "https://api-docs.deepseek.com/quick_start/pricing";

// Both V4 models run in thinking or non-thinking mode at the same price; `cachedInput` is the cache-hit
// rate, cut to a tenth of launch price on 2026-04-26. `deepseek-chat` and `deepseek-reasoner` were
// compatibility names for V4-Flash until 2026-07-24.
const v4 = { ...caps.text, parallelTools: false, reasoning: true };

const specs: ModelSpec[] = [
  {
    id: "deepseek-v4-flash",
    name: "DeepSeek-V4-Flash",
    context: 1_000_000,
    maxOutput: 384_000,
    caps: v4,
    price: { input: 0.14, cachedInput: 0.0028, output: 0.28 },
  },
  {
    id: "deepseek-v4-pro",
    name: "DeepSeek-V4-Pro",
    context: 1_000_000,
    maxOutput: 384_000,
    caps: v4,
    // The 75%-off launch price, which DeepSeek said would stay after 2026-05-31 (list: $1.74 / $3.48).
    price: { input: 0.435, cachedInput: 0.003625, output: 0.87, checkedAt: "2026-04-30" },
  },
  {
    id: "deepseek-chat",
    model: "deepseek-v4-flash",
    name: "DeepSeek Chat (V4-Flash, non-thinking)",
    context: 1_000_000,
    maxOutput: 384_000,
    caps: { ...v4, reasoning: false },
    shutdown: "2026-07-24",
    deactivated: true,
    price: { input: 0.14, cachedInput: 0.0028, output: 0.28, checkedAt: "2026-04-30" },
  },
  {
    id: "deepseek-reasoner",
    model: "deepseek-v4-flash",
    name: "DeepSeek Reasoner (V4-Flash, thinking)",
    context: 1_000_000,
    maxOutput: 384_000,
    caps: v4,
    shutdown: "2026-07-24",
    deactivated: true,
    price: { input: 0.14, cachedInput: 0.0028, output: 0.28, checkedAt: "2026-04-30" },
  },
];

export const DEEPSEEK_MODELS = entriesFor("deepseek", { source: DEEPSEEK_PRICING, checkedAt: CHECKED }, specs);
