import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** SambaNova Cloud's pricing page. */
const SAMBANOVA_PRICING = "https://cloud.sambanova.ai/plans/pricing";

// Prices were seen this session in a transcription of the pricing page as it read on 2026-10-07.
// Context windows were not on that page and are the models' own.

const specs: ModelSpec[] = [
  {
    id: "Meta-Llama-3.3-70B-Instruct",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct (SambaNova)",
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.text,
    price: { input: 0.6, output: 1.2 },
  },
  {
    id: "gpt-oss-120b",
    name: "gpt-oss-120b (SambaNova)",
    context: 131_072,
    maxOutput: 131_072,
    caps: { ...caps.text, reasoning: true },
    price: { input: 0.22, output: 0.59 },
  },
  {
    id: "DeepSeek-V3.2",
    model: "deepseek-v3.2",
    name: "DeepSeek-V3.2 (SambaNova)",
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.text,
    price: { input: 3, output: 4.5 },
  },
  {
    id: "DeepSeek-V3.1",
    model: "deepseek-v3.1",
    name: "DeepSeek-V3.1 (SambaNova)",
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.text,
    price: { input: 3, output: 4.5 },
  },
  {
    id: "MiniMax-M3",
    model: "minimax-m3",
    name: "MiniMax-M3 (SambaNova)",
    context: 1_000_000,
    maxOutput: 131_072,
    caps: { ...caps.text, reasoning: true },
    price: { input: 0.6, cachedInput: 0.06, output: 2.4 },
  },
  {
    id: "gemma-4-31B-it",
    model: "gemma-4-31b-it",
    name: "Gemma 4 31B (SambaNova)",
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.text,
    price: { input: 0.38, output: 1.15 },
  },
];

export const SAMBANOVA_MODELS = entriesFor("sambanova", { source: SAMBANOVA_PRICING, checkedAt: CHECKED }, specs);
