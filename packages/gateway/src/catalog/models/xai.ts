import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** xAI's models and pricing page; the 2026-05-15 retirements are at https://docs.x.ai/developers/migration/may-15-retirement. */
const XAI_PRICING = "https://docs.x.ai/developers/models";

const grok = caps.multimodalReasoning;

const specs: ModelSpec[] = [
  {
    id: "grok-4.6",
    name: "Grok 4.6",
    context: 500_000,
    maxOutput: 128_000,
    caps: grok,
    price: { input: 2, cachedInput: 0.5, output: 6, tiers: [{ aboveInputTokens: 200_000, input: 4, cachedInput: 1, output: 12 }] },
  },
  {
    id: "grok-4.5",
    name: "Grok 4.5",
    context: 500_000,
    maxOutput: 128_000,
    caps: grok,
    price: { input: 2, cachedInput: 0.5, output: 6, tiers: [{ aboveInputTokens: 200_000, input: 4, cachedInput: 1, output: 12 }] },
  },
  {
    id: "grok-4.3",
    name: "Grok 4.3",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: grok,
    price: { input: 1.25, cachedInput: 0.2, output: 2.5 },
  },
  {
    id: "grok-4.20-0309-reasoning",
    model: "grok-4.20",
    name: "Grok 4.20 (reasoning)",
    aliases: ["grok-4.20", "grok-4.20-reasoning", "grok-4.20-reasoning-latest", "grok-4.20-0309", "grok-4.20-beta-0309-reasoning"],
    context: 1_000_000,
    maxOutput: 128_000,
    caps: grok,
    // xAI bills every token of a request whose prompt reaches 200K at the higher rate.
    price: { input: 1.25, cachedInput: 0.2, output: 2.5, tiers: [{ aboveInputTokens: 199_999, input: 2.5, cachedInput: 0.4, output: 5 }] },
  },
  {
    id: "grok-3-mini",
    name: "Grok 3 Mini",
    context: 131_072,
    maxOutput: 131_072,
    caps: { ...caps.textStructured, reasoning: true },
    price: { input: 0.3, cachedInput: 0.075, output: 0.5, checkedAt: "2025-06-01" },
  },
  // Retired 2026-05-15.
  {
    id: "grok-4-0709",
    model: "grok-4",
    name: "Grok 4",
    aliases: ["grok-4", "grok-4-latest"],
    context: 256_000,
    maxOutput: 256_000,
    caps: grok,
    shutdown: "2026-05-15",
    deactivated: true,
    price: { input: 3, cachedInput: 0.75, output: 15, checkedAt: "2025-07-09" },
  },
  {
    id: "grok-4-1-fast-reasoning",
    model: "grok-4.1-fast",
    name: "Grok 4.1 Fast (reasoning)",
    aliases: ["grok-4-1-fast-reasoning-latest"],
    context: 2_000_000,
    maxOutput: 30_000,
    caps: grok,
    shutdown: "2026-05-15",
    deactivated: true,
    price: { input: 0.2, cachedInput: 0.05, output: 0.5, checkedAt: "2026-05-15" },
  },
  {
    id: "grok-4-fast-reasoning",
    model: "grok-4-fast",
    name: "Grok 4 Fast (reasoning)",
    aliases: ["grok-4-fast-reasoning-latest"],
    context: 2_000_000,
    maxOutput: 30_000,
    caps: grok,
    shutdown: "2026-05-15",
    deactivated: true,
    price: { input: 0.2, cachedInput: 0.05, output: 0.5, checkedAt: "2025-09-19" },
  },
  {
    id: "grok-code-fast-1",
    name: "Grok Code Fast 1",
    context: 256_000,
    maxOutput: 10_000,
    caps: { ...caps.textStructured, reasoning: true },
    shutdown: "2026-05-15",
    deactivated: true,
    price: { input: 0.2, cachedInput: 0.02, output: 1.5, checkedAt: "2025-08-28" },
  },
  {
    id: "grok-3",
    name: "Grok 3",
    aliases: ["grok-3-latest"],
    context: 131_072,
    maxOutput: 131_072,
    caps: caps.textStructured,
    shutdown: "2026-05-15",
    deactivated: true,
    price: { input: 3, cachedInput: 0.75, output: 15, checkedAt: "2025-06-01" },
  },
];

export const XAI_MODELS = entriesFor("xai", { source: XAI_PRICING, checkedAt: CHECKED }, specs);
