import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Z.ai's (Zhipu's international platform) pricing page. */
const ZAI_PRICING = "https://docs.z.ai/guides/overview/pricing";

const specs: ModelSpec[] = [
  {
    id: "glm-5.3",
    name: "GLM-5.3",
    context: 1_048_576,
    maxOutput: 131_072,
    caps: caps.textReasoning,
    price: { input: 1.4, output: 4.4 },
  },
  {
    id: "glm-5.2",
    name: "GLM-5.2",
    context: 200_000,
    maxOutput: 128_000,
    caps: caps.textReasoning,
    price: { input: 1.4, output: 4.4 },
  },
  {
    id: "glm-4.6",
    name: "GLM-4.6",
    context: 200_000,
    maxOutput: 128_000,
    caps: caps.textReasoning,
    price: { input: 0.6, cachedInput: 0.11, output: 2.2 },
  },
];

export const ZHIPU_MODELS = entriesFor("zhipu", { source: ZAI_PRICING, checkedAt: CHECKED }, specs);
