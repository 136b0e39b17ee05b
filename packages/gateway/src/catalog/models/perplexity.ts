import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Perplexity's pricing page. */
const PERPLEXITY_PRICING = "https://docs.perplexity.ai/getting-started/pricing";

// Token prices only. Sonar, Sonar Pro and Sonar Reasoning Pro add a per-request fee that depends on the
// search context size, and Deep Research bills citation tokens ($2/M) and search queries ($5/1K) on top;
// none of these fit a per-token price, so cost for these models is a lower bound.
const sonar = { ...caps.textStructured, tools: false, parallelTools: false };

const specs: ModelSpec[] = [
  { id: "sonar", name: "Sonar", context: 128_000, maxOutput: 8_000, caps: sonar, price: { input: 1, output: 1 } },
  { id: "sonar-pro", name: "Sonar Pro", context: 200_000, maxOutput: 8_000, caps: sonar, price: { input: 3, output: 15 } },
  {
    id: "sonar-reasoning-pro",
    name: "Sonar Reasoning Pro",
    context: 128_000,
    maxOutput: 8_000,
    caps: { ...sonar, reasoning: true },
    price: { input: 2, output: 8 },
  },
  {
    id: "sonar-deep-research",
    name: "Sonar Deep Research",
    context: 128_000,
    maxOutput: 32_768,
    caps: { ...sonar, reasoning: true },
    price: { input: 2, output: 8, reasoning: 3 },
  },
];

export const PERPLEXITY_MODELS = entriesFor("perplexity", { source: PERPLEXITY_PRICING, checkedAt: CHECKED }, specs);
