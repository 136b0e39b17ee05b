import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Google Cloud's Vertex AI pricing page. */
const VERTEX_PRICING = "https://cloud.google.com/vertex-ai/generative-ai/pricing";

// Vertex sets its own lifecycle: Claude Opus 4 and 4.1 stay here after Anthropic retired them, while the
// Gemini 2.5 family shut down here on 2026-10-20 (it lives on in the Gemini API until 2026-12-01).
// Claude prices are the global endpoint's, which Anthropic documents as carrying no premium over its own
// list price; regional endpoints cost more for Sonnet 4.5 and later. These prices were not read on
// Google's page this session, so they carry the date they are known to have held.
const claude = caps.multimodalReasoning;
const claude4 = { ...caps.multimodal, jsonOutput: false, structuredOutput: false, reasoning: true };
const gemini = caps.multimodalReasoning;
const KNOWN = "2026-02-05";

const specs: ModelSpec[] = [
  {
    id: "claude-opus-4-6",
    name: "Claude Opus 4.6 (Vertex AI)",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
  },
  {
    id: "claude-sonnet-4-5@20250929",
    model: "claude-sonnet-4-5",
    name: "Claude Sonnet 4.5 (Vertex AI)",
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
  },
  {
    id: "claude-haiku-4-5@20251001",
    model: "claude-haiku-4-5",
    name: "Claude Haiku 4.5 (Vertex AI)",
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
  },
  {
    id: "claude-opus-4-1@20250805",
    model: "claude-opus-4-1",
    name: "Claude Opus 4.1 (Vertex AI)",
    context: 200_000,
    maxOutput: 32_000,
    caps: claude4,
    price: { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
  },
  {
    id: "claude-opus-4@20250514",
    model: "claude-opus-4",
    name: "Claude Opus 4 (Vertex AI)",
    context: 200_000,
    maxOutput: 32_000,
    caps: claude4,
    price: { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
  },
  {
    id: "claude-3-5-haiku@20241022",
    model: "claude-3-5-haiku",
    name: "Claude Haiku 3.5 (Vertex AI)",
    context: 200_000,
    maxOutput: 8_000,
    caps: { ...claude4, reasoning: false },
    shutdown: "2026-07-05",
    deactivated: true,
    price: { input: 0.8, cacheWrite: 1, cachedInput: 0.08, output: 4, checkedAt: "2025-06-01" },
  },
  {
    id: "gemini-3.5-flash",
    name: "Gemini 3.5 Flash (Vertex AI)",
    context: 1_048_576,
    maxOutput: 65_536,
    caps: gemini,
    price: { input: 1.5, cachedInput: 0.15, output: 9, checkedAt: "2026-06-01" },
  },
  {
    id: "gemini-2.5-pro",
    name: "Gemini 2.5 Pro (Vertex AI)",
    context: 1_048_576,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-10-20",
    deactivated: true,
    price: { input: 1.25, cachedInput: 0.125, output: 10, checkedAt: "2026-03-01", tiers: [{ aboveInputTokens: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }] },
  },
  {
    id: "gemini-2.5-flash",
    name: "Gemini 2.5 Flash (Vertex AI)",
    context: 1_048_576,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-10-20",
    deactivated: true,
    price: { input: 0.3, cachedInput: 0.03, output: 2.5, checkedAt: "2026-03-01" },
  },
  {
    id: "gemini-2.5-flash-lite",
    name: "Gemini 2.5 Flash-Lite (Vertex AI)",
    context: 1_048_576,
    maxOutput: 65_536,
    caps: gemini,
    shutdown: "2026-10-20",
    deactivated: true,
    price: { input: 0.1, cachedInput: 0.01, output: 0.4, checkedAt: "2026-03-01" },
  },
  {
    id: "gemini-2.0-flash-001",
    model: "gemini-2.0-flash",
    name: "Gemini 2.0 Flash (Vertex AI)",
    context: 1_048_576,
    maxOutput: 8_192,
    caps: { ...gemini, reasoning: false },
    shutdown: "2026-06-01",
    deactivated: true,
    price: { input: 0.15, output: 0.6, checkedAt: "2025-06-01" },
  },
];

export const VERTEX_AI_MODELS = entriesFor("vertex-ai", { source: VERTEX_PRICING, checkedAt: KNOWN }, specs);
