import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Fireworks AI's pricing page. */
const FIREWORKS_PRICING = "https://fireworks.ai/pricing";

// Fireworks prices older dense models by size (16.1B–80B: $0.90, MoE 56.1B–176B: $1.20 per million
// tokens, input and output alike) and newer ones per model. Only DeepSeek-V4-Pro's price was read on a
// 2026 page this session; the others carry the date they are known to have held.
const KNOWN = "2025-09-01";
const open = caps.textStructured;

const specs: ModelSpec[] = [
  {
    id: "accounts/fireworks/models/llama-v3p3-70b-instruct",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct (Fireworks)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.9, output: 0.9 },
  },
  {
    id: "accounts/fireworks/models/llama-v3p1-8b-instruct",
    model: "llama-3.1-8b-instruct",
    name: "Llama 3.1 8B Instruct (Fireworks)",
    context: 131_072,
    maxOutput: 131_072,
    caps: open,
    price: { input: 0.2, output: 0.2 },
  },
  {
    id: "accounts/fireworks/models/gpt-oss-120b",
    model: "gpt-oss-120b",
    name: "gpt-oss-120b (Fireworks)",
    context: 131_072,
    maxOutput: 131_072,
    caps: { ...open, reasoning: true },
    price: { input: 0.15, output: 0.6 },
  },
  {
    id: "accounts/fireworks/models/kimi-k2-instruct-0905",
    model: "kimi-k2-instruct-0905",
    name: "Kimi K2 Instruct 0905 (Fireworks)",
    context: 262_144,
    maxOutput: 262_144,
    caps: open,
    price: { input: 0.6, output: 2.5 },
  },
  {
    id: "accounts/fireworks/models/deepseek-v4-pro",
    model: "deepseek-v4-pro",
    name: "DeepSeek-V4-Pro (Fireworks)",
    context: 1_000_000,
    maxOutput: 384_000,
    caps: { ...open, reasoning: true },
    price: { input: 1.74, output: 3.48, checkedAt: CHECKED },
  },
  {
    id: "accounts/fireworks/models/mixtral-8x22b-instruct",
    model: "mixtral-8x22b-instruct",
    name: "Mixtral 8x22B Instruct (Fireworks)",
    context: 65_536,
    maxOutput: 65_536,
    caps: caps.text,
    price: { input: 1.2, output: 1.2 },
  },
];

export const FIREWORKS_MODELS = entriesFor("fireworks", { source: FIREWORKS_PRICING, checkedAt: KNOWN }, specs);
