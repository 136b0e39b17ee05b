import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** DeepInfra's pricing page. */
const DEEPINFRA_PRICING = "https://deepinfra.com/pricing";

// Llama 3.3 70B Turbo was read on DeepInfra's model page (its snapshots disagree by a few cents: 0.12–0.13
// in, 0.30–0.40 out; the highest is kept). The others carry the date they are known to have held.
const KNOWN = "2025-09-01";
const open = caps.textStructured;

const specs: ModelSpec[] = [
  {
    id: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct Turbo (DeepInfra)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.13, output: 0.4, checkedAt: CHECKED },
  },
  {
    id: "meta-llama/Meta-Llama-3.1-8B-Instruct",
    model: "llama-3.1-8b-instruct",
    name: "Llama 3.1 8B Instruct (DeepInfra)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.03, output: 0.05 },
  },
  {
    id: "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
    model: "llama-4-maverick-17b-128e-instruct",
    name: "Llama 4 Maverick 17B (DeepInfra)",
    context: 1_048_576,
    maxOutput: 1_048_576,
    caps: caps.multimodal,
    price: { input: 0.15, output: 0.6 },
  },
  {
    id: "openai/gpt-oss-120b",
    model: "gpt-oss-120b",
    name: "gpt-oss-120b (DeepInfra)",
    context: 131_072,
    maxOutput: 131_072,
    caps: { ...open, reasoning: true },
    price: { input: 0.09, output: 0.45 },
  },
  {
    id: "Qwen/Qwen3-235B-A22B-Instruct-2507",
    model: "qwen3-235b-a22b-instruct-2507",
    name: "Qwen3 235B A22B Instruct 2507 (DeepInfra)",
    context: 262_144,
    maxOutput: 262_144,
    caps: open,
    price: { input: 0.13, output: 0.6 },
  },
];

export const DEEPINFRA_MODELS = entriesFor("deepinfra", { source: DEEPINFRA_PRICING, checkedAt: KNOWN }, specs);
