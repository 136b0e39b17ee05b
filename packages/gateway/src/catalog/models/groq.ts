import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Groq's pricing page. */
const GROQ_PRICING = "https://groq.com/pricing";

// Only gpt-oss-120b's price was read on a page this session; the others carry the date they are known
// to have held. Groq's JSON-schema output covers gpt-oss, Kimi K2 and Llama 4, not Llama 3.x or Qwen3.
const KNOWN = "2025-09-01";

const specs: ModelSpec[] = [
  {
    id: "llama-3.3-70b-versatile",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Versatile (Groq)",
    context: 131_072,
    maxOutput: 32_768,
    caps: caps.text,
    price: { input: 0.59, output: 0.79 },
  },
  {
    id: "llama-3.1-8b-instant",
    model: "llama-3.1-8b-instruct",
    name: "Llama 3.1 8B Instant (Groq)",
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.text,
    price: { input: 0.05, output: 0.08 },
  },
  {
    id: "openai/gpt-oss-120b",
    model: "gpt-oss-120b",
    name: "gpt-oss-120b (Groq)",
    context: 131_072,
    maxOutput: 65_536,
    caps: { ...caps.textStructured, reasoning: true },
    price: { input: 0.15, cachedInput: 0.075, output: 0.6, checkedAt: CHECKED },
  },
  {
    id: "openai/gpt-oss-20b",
    model: "gpt-oss-20b",
    name: "gpt-oss-20b (Groq)",
    context: 131_072,
    maxOutput: 65_536,
    caps: { ...caps.textStructured, reasoning: true },
    price: { input: 0.075, cachedInput: 0.0375, output: 0.3 },
  },
  {
    id: "meta-llama/llama-4-scout-17b-16e-instruct",
    model: "llama-4-scout-17b-16e-instruct",
    name: "Llama 4 Scout 17B (Groq)",
    context: 131_072,
    maxOutput: 8_192,
    caps: caps.multimodal,
    price: { input: 0.11, output: 0.34 },
  },
  {
    id: "qwen/qwen3-32b",
    model: "qwen3-32b",
    name: "Qwen3 32B (Groq)",
    context: 131_072,
    maxOutput: 40_960,
    caps: caps.textReasoning,
    price: { input: 0.29, output: 0.59 },
  },
  {
    id: "moonshotai/kimi-k2-instruct-0905",
    model: "kimi-k2-instruct-0905",
    name: "Kimi K2 Instruct 0905 (Groq)",
    context: 262_144,
    maxOutput: 16_384,
    caps: caps.textStructured,
    price: { input: 1, cachedInput: 0.5, output: 3 },
  },
];

export const GROQ_MODELS = entriesFor("groq", { source: GROQ_PRICING, checkedAt: KNOWN }, specs);
