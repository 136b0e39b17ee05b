import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** MiniMax's pay-as-you-go pricing page. */
const MINIMAX_PRICING = "https://platform.minimax.io/docs/guides/pricing-paygo";

const specs: ModelSpec[] = [
  {
    id: "MiniMax-M3",
    model: "minimax-m3",
    name: "MiniMax-M3",
    context: 1_000_000,
    maxOutput: 131_072,
    caps: caps.multimodalReasoning,
    // List price (the launch week ran at half). A prompt above 512K bills the whole request at twice the rate.
    price: { input: 0.6, cachedInput: 0.12, output: 2.4, tiers: [{ aboveInputTokens: 512_000, input: 1.2, cachedInput: 0.24, output: 4.8 }] },
  },
  {
    id: "MiniMax-M2.7",
    model: "minimax-m2.7",
    name: "MiniMax-M2.7",
    context: 204_800,
    maxOutput: 131_072,
    caps: caps.textReasoning,
    price: { input: 0.3, cachedInput: 0.06, output: 1.2 },
  },
  {
    id: "MiniMax-M2.5",
    model: "minimax-m2.5",
    name: "MiniMax-M2.5",
    context: 204_800,
    maxOutput: 131_072,
    caps: caps.textReasoning,
    price: { input: 0.3, cachedInput: 0.03, output: 1.2 },
  },
];

export const MINIMAX_MODELS = entriesFor("minimax", { source: MINIMAX_PRICING, checkedAt: CHECKED }, specs);
