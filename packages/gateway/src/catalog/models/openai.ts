import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** OpenAI's pricing page; shutdown dates are from https://developers.openai.com/api/docs/deprecations. */
export const OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing";

const reasoning = caps.multimodalReasoning;
/** The pro models run in the Responses API's background mode; OpenAI does not stream them. */
const pro = { ...caps.multimodalReasoning, streaming: false };

// GPT-5.6 and later price writes to the prompt cache (30-minute TTL) apart; that is `cacheWrite` here.
// Context windows of the 5.5/5.6/6 generations are taken as GPT-5.4's 1.05M where OpenAI's page was not read.
const specs: ModelSpec[] = [
  {
    id: "gpt-6.1-sol",
    name: "GPT-6.1 Sol",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 2, cachedInput: 0.1, output: 10 },
  },
  {
    id: "gpt-6.1-terra",
    name: "GPT-6.1 Terra",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    // Above 272K input tokens the whole request costs 2× input and cache, 1.5× output.
    price: { input: 1, cachedInput: 0.05, cacheWrite: 1.25, output: 5, tiers: [{ aboveInputTokens: 272_000, input: 2, cachedInput: 0.1, cacheWrite: 2.5, output: 7.5 }] },
  },
  {
    id: "gpt-6-sol",
    name: "GPT-6 Sol",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    // OpenAI also prices prompts above 272K higher; that tier's figures were not confirmed, so it is left out.
    price: { input: 2, cachedInput: 0.2, cacheWrite: 2.5, output: 10 },
  },
  {
    id: "gpt-6-luna",
    name: "GPT-6 Luna",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 0.1, cachedInput: 0.01, cacheWrite: 0.125, output: 0.5 },
  },
  {
    id: "gpt-6-astra",
    name: "GPT-6 Astra",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    // Its long-context tier (above 272K) is left out for the same reason as GPT-6 Sol's.
    price: { input: 10, cachedInput: 1, output: 50 },
  },
  {
    id: "gpt-5.6-sol",
    name: "GPT-5.6 Sol",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 5, cachedInput: 0.5, cacheWrite: 6.25, output: 30, tiers: [{ aboveInputTokens: 272_000, input: 10, cachedInput: 1, cacheWrite: 12.5, output: 45 }] },
  },
  {
    id: "gpt-5.6-terra",
    name: "GPT-5.6 Terra",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    // Cut from $2.50/$15 on 2026-07-30.
    price: { input: 2, cachedInput: 0.2, cacheWrite: 2.5, output: 12, tiers: [{ aboveInputTokens: 272_000, input: 4, cachedInput: 0.4, cacheWrite: 5, output: 18 }] },
  },
  {
    id: "gpt-5.6-luna",
    name: "GPT-5.6 Luna",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    // Cut from $1/$6 on 2026-07-30; Luna's long-context tier starts at 200K, not 272K.
    price: { input: 0.2, cachedInput: 0.02, cacheWrite: 0.25, output: 1.2, tiers: [{ aboveInputTokens: 200_000, input: 0.4, cachedInput: 0.04, cacheWrite: 0.5, output: 1.8 }] },
  },
  {
    id: "gpt-5.5",
    name: "GPT-5.5",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 5, cachedInput: 0.5, output: 30, tiers: [{ aboveInputTokens: 272_000, input: 10, cachedInput: 1, output: 45 }] },
  },
  {
    id: "gpt-5.5-pro",
    name: "GPT-5.5 pro",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: pro,
    price: { input: 30, output: 180 },
  },
  {
    id: "gpt-5.4",
    name: "GPT-5.4",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 2.5, cachedInput: 0.25, output: 15, tiers: [{ aboveInputTokens: 272_000, input: 5, cachedInput: 0.5, output: 22.5 }] },
  },
  {
    id: "gpt-5.4-pro",
    name: "GPT-5.4 pro",
    context: 1_050_000,
    maxOutput: 128_000,
    caps: pro,
    price: { input: 30, output: 180 },
  },
  {
    id: "gpt-5.4-mini",
    name: "GPT-5.4 mini",
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 0.75, cachedInput: 0.075, output: 4.5 },
  },
  {
    id: "gpt-5.4-nano",
    name: "GPT-5.4 nano",
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2027-04-01",
    price: { input: 0.2, cachedInput: 0.02, output: 1.25 },
  },
  {
    id: "gpt-5.3-codex",
    name: "GPT-5.3-Codex",
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2027-04-01",
    price: { input: 1.75, cachedInput: 0.175, output: 14 },
  },
  {
    id: "gpt-5.2",
    name: "GPT-5.2",
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    price: { input: 1.75, cachedInput: 0.175, output: 14 },
  },
  {
    id: "gpt-5.1",
    name: "GPT-5.1",
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2027-04-01",
    price: { input: 1.25, cachedInput: 0.125, output: 10 },
  },
  {
    id: "gpt-5",
    name: "GPT-5",
    aliases: ["gpt-5-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2026-12-11",
    price: { input: 1.25, cachedInput: 0.125, output: 10 },
  },
  {
    id: "gpt-5-mini",
    name: "GPT-5 mini",
    aliases: ["gpt-5-mini-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2026-12-11",
    price: { input: 0.25, cachedInput: 0.025, output: 2 },
  },
  {
    id: "gpt-5-nano",
    name: "GPT-5 nano",
    aliases: ["gpt-5-nano-2025-08-07"],
    context: 400_000,
    maxOutput: 128_000,
    caps: reasoning,
    shutdown: "2026-12-11",
    price: { input: 0.05, cachedInput: 0.005, output: 0.4 },
  },
  {
    id: "gpt-5-pro",
    name: "GPT-5 pro",
    aliases: ["gpt-5-pro-2025-10-06"],
    context: 400_000,
    maxOutput: 272_000,
    caps: pro,
    shutdown: "2026-12-11",
    price: { input: 15, output: 120 },
  },
];

export const OPENAI_MODELS = entriesFor("openai", { source: OPENAI_PRICING, checkedAt: CHECKED }, specs);
