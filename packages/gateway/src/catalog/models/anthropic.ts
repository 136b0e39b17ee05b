import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Anthropic's pricing page; lifecycle dates are from https://platform.claude.com/docs/en/about-claude/model-deprecations. */
export const ANTHROPIC_PRICING = "https://platform.claude.com/docs/en/about-claude/pricing";

// Claude 4.5 and later accept JSON-schema output and extended or adaptive thinking. Cache writes are the
// 5-minute rate (`cacheWrite`) and the 1-hour rate (`cacheWrite1h`). Anthropic has charged more above
// 200K input tokens on models reached through its 1M-context beta; whether that still applies to the
// 1M-context 4.6–4.8 models was not confirmed, so they carry no long-context tier.
const claude = caps.multimodalReasoning;

/** The Opus 4.5–5 price card. */
const opus = { input: 5, cacheWrite: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 };
const sonnet = { input: 3, cacheWrite: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 };

const specs: ModelSpec[] = [
  {
    id: "claude-fable-5-1",
    name: "Claude Fable 5.1",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: { input: 10, cacheWrite: 12.5, cacheWrite1h: 20, cachedInput: 0.25, output: 50 },
  },
  {
    id: "claude-fable-5",
    name: "Claude Fable 5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: { input: 10, cacheWrite: 12.5, cacheWrite1h: 20, cachedInput: 1, output: 50 },
  },
  {
    id: "claude-opus-5-5",
    name: "Claude Opus 5.5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: { input: 4, cacheWrite: 5, cacheWrite1h: 8, cachedInput: 0.2, output: 20 },
  },
  {
    id: "claude-opus-5",
    name: "Claude Opus 5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: opus,
  },
  {
    id: "claude-sonnet-5-5",
    name: "Claude Sonnet 5.5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    // Cache reads were cut from $0.20 to $0.10 on 2026-10-07.
    price: { input: 2, cacheWrite: 2.5, cacheWrite1h: 4, cachedInput: 0.1, output: 10 },
  },
  {
    id: "claude-sonnet-5",
    name: "Claude Sonnet 5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: { input: 2, cacheWrite: 2.5, cacheWrite1h: 4, cachedInput: 0.2, output: 10 },
  },
  {
    id: "claude-haiku-5-5",
    name: "Claude Haiku 5.5",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    // A prompt above 100K tokens (cache reads and writes included) bills every token of the request at
    // the higher band; its 1-hour cache write is $1.00, which the tier shape does not carry.
    price: {
      input: 0.1,
      cacheWrite: 0.125,
      cacheWrite1h: 0.2,
      cachedInput: 0.01,
      output: 0.5,
      tiers: [{ aboveInputTokens: 100_000, input: 0.5, cacheWrite: 0.625, cachedInput: 0.05, output: 2.5 }],
    },
  },
  {
    id: "claude-opus-4-8",
    name: "Claude Opus 4.8",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: opus,
  },
  {
    id: "claude-opus-4-7",
    name: "Claude Opus 4.7",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: opus,
  },
  {
    id: "claude-opus-4-6",
    name: "Claude Opus 4.6",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: opus,
  },
  {
    id: "claude-opus-4-5-20251101",
    model: "claude-opus-4-5",
    name: "Claude Opus 4.5",
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: opus,
  },
  {
    id: "claude-sonnet-4-6",
    name: "Claude Sonnet 4.6",
    context: 1_000_000,
    maxOutput: 128_000,
    caps: claude,
    price: sonnet,
  },
  {
    id: "claude-sonnet-4-5-20250929",
    model: "claude-sonnet-4-5",
    name: "Claude Sonnet 4.5",
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    shutdown: "2026-11-30",
    price: sonnet,
  },
  {
    id: "claude-haiku-4-5-20251001",
    model: "claude-haiku-4-5",
    name: "Claude Haiku 4.5",
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 1, cacheWrite: 1.25, cacheWrite1h: 2, cachedInput: 0.1, output: 5 },
  },
];

export const ANTHROPIC_MODELS = entriesFor("anthropic", { source: ANTHROPIC_PRICING, checkedAt: CHECKED }, specs);
