import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Alibaba Cloud Model Studio (international, Singapore) model prices. */
const QWEN_PRICING = "https://www.alibabacloud.com/help/en/model-studio/models";

// The flagship rates as Alibaba's billing page showed them on 2025-04-22 (lowest tier; longer prompts
// cost more on tiered models). Newer Qwen3 commercial models are not listed because their international
// prices were not confirmed.
const READ = "2025-04-22";

const specs: ModelSpec[] = [
  { id: "qwen-max", name: "Qwen-Max", context: 32_768, maxOutput: 8_192, caps: caps.textStructured, price: { input: 1.6, output: 6.4 } },
  { id: "qwen-plus", name: "Qwen-Plus", context: 131_072, maxOutput: 8_192, caps: caps.textStructured, price: { input: 0.4, output: 1.2 } },
  { id: "qwen-turbo", name: "Qwen-Turbo", context: 1_008_192, maxOutput: 8_192, caps: caps.textStructured, price: { input: 0.05, output: 0.2 } },
];

export const QWEN_MODELS = entriesFor("qwen", { source: QWEN_PRICING, checkedAt: READ }, specs);
