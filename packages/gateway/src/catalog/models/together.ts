import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Together AI's pricing page. */
const TOGETHER_PRICING = "https://www.together.ai/pricing";

// Serverless prices. Llama 3.3 70B and DeepSeek-R1 were read on a transcription of the pricing page
// (2026-05); the others carry the date they are known to have held.
const KNOWN = "2025-09-01";
const open = caps.textStructured;

const specs: ModelSpec[] = [
  {
    id: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct Turbo (Together)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.88, output: 0.88, checkedAt: CHECKED },
  },
  {
    id: "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
    model: "llama-3.1-8b-instruct",
    name: "Llama 3.1 8B Instruct Turbo (Together)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.18, output: 0.18 },
  },
  {
    id: "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
    model: "llama-4-maverick-17b-128e-instruct",
    name: "Llama 4 Maverick 17B (Together)",
    context: 524_288,
    maxOutput: 524_288,
    caps: caps.multimodal,
    price: { input: 0.27, output: 0.85 },
  },
  {
    id: "openai/gpt-oss-120b",
    model: "gpt-oss-120b",
    name: "gpt-oss-120b (Together)",
    context: 131_072,
    maxOutput: 131_072,
    caps: { ...open, reasoning: true },
    price: { input: 0.15, output: 0.6 },
  },
  {
    id: "Qwen/Qwen3-235B-A22B-Instruct-2507-tput",
    model: "qwen3-235b-a22b-instruct-2507",
    name: "Qwen3 235B A22B Instruct 2507 (Together)",
    context: 262_144,
    maxOutput: 262_144,
    caps: open,
    price: { input: 0.2, output: 0.6 },
  },
  {
    id: "deepseek-ai/DeepSeek-R1",
    model: "deepseek-r1",
    name: "DeepSeek-R1 (Together)",
    context: 163_840,
    maxOutput: 163_840,
    caps: { ...open, reasoning: true },
    price: { input: 3, output: 7, checkedAt: CHECKED },
  },
];

export const TOGETHER_MODELS = entriesFor("together", { source: TOGETHER_PRICING, checkedAt: KNOWN }, specs);
