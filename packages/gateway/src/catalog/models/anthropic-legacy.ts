import { ANTHROPIC_PRICING } from "./anthropic.js";
import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

// Claude models Anthropic has retired on its own platforms (Bedrock and Google Cloud keep some longer;
// see those files). They keep their last price so usage recorded before retirement still prices.

/** Claude before structured outputs: tools and images, no JSON mode. */
const claude3 = { ...caps.multimodal, jsonOutput: false, structuredOutput: false };
const claude4 = { ...claude3, reasoning: true };

const opus4 = { input: 15, cacheWrite: 18.75, cacheWrite1h: 30, cachedInput: 1.5, output: 75 };
const sonnet = { input: 3, cacheWrite: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 };

const specs: ModelSpec[] = [
  {
    id: "claude-opus-4-1-20250805",
    model: "claude-opus-4-1",
    name: "Claude Opus 4.1",
    context: 200_000,
    maxOutput: 32_000,
    caps: { ...claude4, jsonOutput: true, structuredOutput: true },
    shutdown: "2026-08-05",
    deactivated: true,
    price: opus4,
  },
  {
    id: "claude-opus-4-20250514",
    model: "claude-opus-4",
    name: "Claude Opus 4",
    aliases: ["claude-opus-4-0"],
    context: 200_000,
    maxOutput: 32_000,
    caps: claude4,
    shutdown: "2026-06-15",
    deactivated: true,
    price: opus4,
  },
  {
    id: "claude-sonnet-4-20250514",
    model: "claude-sonnet-4",
    name: "Claude Sonnet 4",
    aliases: ["claude-sonnet-4-0"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude4,
    shutdown: "2026-06-15",
    deactivated: true,
    price: sonnet,
  },
  {
    id: "claude-3-7-sonnet-20250219",
    model: "claude-3-7-sonnet",
    name: "Claude Sonnet 3.7",
    aliases: ["claude-3-7-sonnet-latest"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude4,
    shutdown: "2026-02-19",
    deactivated: true,
    price: sonnet,
  },
  {
    id: "claude-3-5-haiku-20241022",
    model: "claude-3-5-haiku",
    name: "Claude Haiku 3.5",
    aliases: ["claude-3-5-haiku-latest"],
    context: 200_000,
    maxOutput: 8_192,
    caps: claude3,
    shutdown: "2026-02-19",
    deactivated: true,
    price: { input: 0.8, cacheWrite: 1, cacheWrite1h: 1.6, cachedInput: 0.08, output: 4 },
  },
  {
    id: "claude-3-5-sonnet-20241022",
    model: "claude-3-5-sonnet",
    name: "Claude Sonnet 3.5",
    // The June 2024 snapshot had the same price and retired the same day.
    aliases: ["claude-3-5-sonnet-latest", "claude-3-5-sonnet-20240620"],
    context: 200_000,
    maxOutput: 8_192,
    caps: claude3,
    shutdown: "2025-10-22",
    deactivated: true,
    price: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15, checkedAt: "2025-06-01" },
  },
  {
    id: "claude-3-opus-20240229",
    model: "claude-3-opus",
    name: "Claude Opus 3",
    aliases: ["claude-3-opus-latest"],
    context: 200_000,
    maxOutput: 4_096,
    caps: claude3,
    shutdown: "2026-01-05",
    deactivated: true,
    price: opus4,
  },
];

export const ANTHROPIC_LEGACY_MODELS = entriesFor("anthropic", { source: ANTHROPIC_PRICING, checkedAt: CHECKED }, specs);
