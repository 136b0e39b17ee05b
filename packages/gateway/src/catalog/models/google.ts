import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** The Gemini Developer API's pricing page; shutdowns are from https://ai.google.dev/gemini-api/docs/deprecations. */
export const GEMINI_PRICING = "https://ai.google.dev/gemini-api/docs/pricing";

// Prices are the paid tier for text, image and video input (audio input costs more on several models).
// Thinking tokens bill as output. `cachedInput` is the context-caching read price; storage is billed apart.
const gemini = caps.multimodalReasoning;
const GEMINI_CONTEXT = 1_048_576;

const specs: ModelSpec[] = [
  {
    id: "gemini-3.8-flash",
    name: "Gemini 3.8 Flash",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    // Launch price through 2026-12-31; Google lists $1.50 in / $7.50 out from 2027-01-01.
    price: { input: 0.75, cachedInput: 0.075, output: 3.75 },
  },
  {
    id: "gemini-3.5-flash",
    name: "Gemini 3.5 Flash",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 1.5, cachedInput: 0.15, output: 9 },
  },
  {
    id: "gemini-3.5-flash-lite",
    name: "Gemini 3.5 Flash-Lite",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 0.3, output: 2.5 },
  },
  {
    id: "gemini-3.1-pro-preview",
    model: "gemini-3.1-pro",
    name: "Gemini 3.1 Pro (preview)",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 2, cachedInput: 0.2, output: 12, tiers: [{ aboveInputTokens: 200_000, input: 4, cachedInput: 0.4, output: 18 }] },
  },
  {
    id: "gemini-3.1-flash-lite",
    name: "Gemini 3.1 Flash-Lite",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2027-05-07",
    price: { input: 0.25, cachedInput: 0.025, output: 1.5 },
  },
  {
    id: "gemini-3-flash-preview",
    model: "gemini-3-flash",
    name: "Gemini 3 Flash (preview)",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 0.5, cachedInput: 0.05, output: 3 },
  },
  {
    id: "gemini-2.5-pro",
    name: "Gemini 2.5 Pro",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-12-01",
    price: { input: 1.25, cachedInput: 0.125, output: 10, tiers: [{ aboveInputTokens: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }] },
  },
  {
    id: "gemini-2.5-flash",
    name: "Gemini 2.5 Flash",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-12-01",
    price: { input: 0.3, cachedInput: 0.03, output: 2.5 },
  },
  {
    id: "gemini-2.5-flash-lite",
    name: "Gemini 2.5 Flash-Lite",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 0.1, cachedInput: 0.01, output: 0.4 },
  },
  {
    id: "gemini-embedding-001",
    name: "Gemini Embedding",
    context: 2_048,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.15, output: 0 },
  },
  {
    id: "gemini-3-pro-preview",
    model: "gemini-3-pro",
    name: "Gemini 3 Pro (preview)",
    context: GEMINI_CONTEXT,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-03-09",
    deactivated: true,
    price: { input: 2, cachedInput: 0.2, output: 12, checkedAt: "2025-11-18", tiers: [{ aboveInputTokens: 200_000, input: 4, cachedInput: 0.4, output: 18 }] },
  },
  {
    id: "gemini-2.0-flash",
    name: "Gemini 2.0 Flash",
    aliases: ["gemini-2.0-flash-001"],
    context: GEMINI_CONTEXT,
    maxOutput: 8_192,
    caps: { ...gemini, reasoning: false },
    shutdown: "2026-06-01",
    deactivated: true,
    price: { input: 0.1, cachedInput: 0.025, output: 0.4, checkedAt: "2026-06-01" },
  },
  {
    id: "gemini-2.0-flash-lite",
    name: "Gemini 2.0 Flash-Lite",
    aliases: ["gemini-2.0-flash-lite-001"],
    context: GEMINI_CONTEXT,
    maxOutput: 8_192,
    caps: { ...gemini, reasoning: false },
    shutdown: "2026-06-01",
    deactivated: true,
    price: { input: 0.075, output: 0.3, checkedAt: "2025-04-30" },
  },
];

export const GOOGLE_MODELS = entriesFor("google", { source: GEMINI_PRICING, checkedAt: CHECKED }, specs);
