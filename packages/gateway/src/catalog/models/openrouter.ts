import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** OpenRouter's model list, where each model's page shows its price. */
const OPENROUTER_PRICING = "https://openrouter.ai/models";

// OpenRouter routes each call to one of several upstream hosts and bills the listed price, which is the
// upstream provider's; the Llama prices were read on OpenRouter's model pages this session.
const specs: ModelSpec[] = [
  {
    id: "meta-llama/llama-3.3-70b-instruct",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct (OpenRouter)",
    context: 131_072,
    maxOutput: 16_384,
    caps: caps.text,
    price: { input: 0.1, output: 0.32 },
  },
  {
    id: "meta-llama/llama-3.1-405b-instruct",
    model: "llama-3.1-405b-instruct",
    name: "Llama 3.1 405B Instruct (OpenRouter)",
    context: 32_768,
    maxOutput: 16_384,
    caps: caps.text,
    price: { input: 0.8, output: 0.8 },
  },
  {
    id: "anthropic/claude-sonnet-4.5",
    model: "claude-sonnet-4-5",
    name: "Claude Sonnet 4.5 (OpenRouter)",
    context: 200_000,
    maxOutput: 64_000,
    caps: caps.multimodalReasoning,
    price: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15, checkedAt: "2025-09-29" },
  },
  {
    id: "openai/gpt-4o-mini",
    model: "gpt-4o-mini",
    name: "GPT-4o mini (OpenRouter)",
    context: 128_000,
    maxOutput: 16_384,
    caps: caps.multimodal,
    price: { input: 0.15, cachedInput: 0.075, output: 0.6, checkedAt: "2025-06-01" },
  },
];

export const OPENROUTER_MODELS = entriesFor("openrouter", { source: OPENROUTER_PRICING, checkedAt: CHECKED }, specs);
