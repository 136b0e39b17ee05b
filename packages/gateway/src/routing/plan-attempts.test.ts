import { describe, expect, it } from "vitest";
import type { ModelPrice } from "../catalog/schema.js";
import type { BreakerState } from "./breaker-types.js";
import { type PlanContext, planAttempts } from "./plan-attempts.js";
import { targetKeysOf } from "./resolve-targets.js";
import { DEFAULT_FALLBACK_ON, DEFAULT_RETRY, DEFAULT_TIMEOUTS, type Route, RouteSchema } from "./route-schema.js";
import { seededRandom } from "./seeded-random.js";

const ORG = "org_1";
const VIRTUAL_KEYS: Record<string, { provider: string; enabled?: boolean; models?: string[] }> = {
  "openai-a": { provider: "openai" },
  "openai-b": { provider: "openai" },
  "groq-a": { provider: "groq" },
  "anthropic-a": { provider: "anthropic" },
  "mistral-a": { provider: "mistral" },
  "off-vk": { provider: "openai", enabled: false },
  "mini-only": { provider: "openai", models: ["gpt-4o-mini"] },
};
/** Blended price is (3 × input + output) / 4. */
const PRICES: Record<string, [number, number]> = { "openai/gpt-4o": [2.5, 10], "groq/llama": [0.6, 0.8], "anthropic/claude": [3, 15] };

function context(options: { breakers?: Record<string, BreakerState>; latency?: Record<string, number>; seed?: number; requestModel?: string | null } = {}): PlanContext {
  return {
    orgId: ORG,
    requestModel: options.requestModel === undefined ? "gpt-4o" : options.requestModel,
    virtualKey(slug) {
      const vk = VIRTUAL_KEYS[slug];
      return vk && { provider: { slug: vk.provider }, enabled: vk.enabled ?? true, allowsModel: (m) => !vk.models || vk.models.includes(m) };
    },
    breakerState: (key) => options.breakers?.[key] ?? "closed",
    prices: {
      price(provider, model): ModelPrice | undefined {
        const p = PRICES[`${provider}/${model}`];
        return p && { input: p[0], output: p[1], source: "https://example.com", checkedAt: "2026-01-01" };
      },
    },
    latencyMs: (key) => options.latency?.[key],
    random: seededRandom(options.seed ?? 1),
  };
}

const route = (input: object): Route => RouteSchema.parse({ name: "r", ...input });
const key = (vk: string, model: string) => `${ORG}|${vk}|${VIRTUAL_KEYS[vk]!.provider}|${model}`;
const order = (r: Route, ctx = context()) => planAttempts(r, ctx).attempts.map((a) => `${a.virtualKey}/${a.model}`);

describe("planning the attempts of a route", () => {
  it("keeps the declared order for fallback, with each target's model, provider and settings", () => {
    const r = route({
      strategy: "fallback",
      retry: { attempts: 1 },
      timeouts: { firstByteMs: 5_000 },
      targets: [{ virtualKey: "openai-a" }, { virtualKey: "groq-a", model: "llama", retry: { baseMs: 50 }, overrideParams: { max_tokens: 100 } }],
    });
    const { attempts, skipped } = planAttempts(r, context());
    expect(skipped).toEqual([]);
    expect(attempts).toEqual([
      {
        path: "targets.0",
        virtualKey: "openai-a",
        provider: "openai",
        model: "gpt-4o",
        targetKey: key("openai-a", "gpt-4o"),
        breaker: "closed",
        retry: { ...DEFAULT_RETRY, attempts: 1 },
        timeouts: { ...DEFAULT_TIMEOUTS, firstByteMs: 5_000 },
        fallbackOn: DEFAULT_FALLBACK_ON,
        overrideParams: {},
      },
      expect.objectContaining({ path: "targets.1", model: "llama", retry: { ...DEFAULT_RETRY, attempts: 1, baseMs: 50 }, overrideParams: { max_tokens: 100 } }),
    ]);
  });

  it("lets nested groups inherit settings and override them field by field", () => {
    const r = route({
      strategy: "fallback",
      fallbackOn: [429],
      overrideParams: { temperature: 0, max_tokens: 50 },
      timeouts: { idleMs: 1_000 },
      targets: [
        {
          strategy: "fallback",
          fallbackOn: ["5xx"],
          overrideParams: { max_tokens: 80 },
          targets: [{ virtualKey: "openai-a", timeouts: { totalMs: 9_000 }, overrideParams: { top_p: 0.5 } }],
        },
        { virtualKey: "openai-b" },
      ],
    });
    const [inner, outer] = planAttempts(r, context()).attempts;
    expect(inner).toMatchObject({ path: "targets.0.targets.0", fallbackOn: ["5xx"], overrideParams: { temperature: 0, max_tokens: 80, top_p: 0.5 }, timeouts: { ...DEFAULT_TIMEOUTS, idleMs: 1_000, totalMs: 9_000 } });
    expect(outer).toMatchObject({ path: "targets.1", fallbackOn: [429], overrideParams: { temperature: 0, max_tokens: 50 } });
  });

  it("skips unusable targets and open breakers, saying why, and keeps half-open ones for probing", () => {
    const r = route({
      strategy: "fallback",
      targets: ["no-such-vk", "off-vk", "mini-only", "openai-a", "openai-b", "groq-a"].map((virtualKey) => ({ virtualKey })),
    });
    const ctx = context({ breakers: { [key("openai-a", "gpt-4o")]: "open", [key("openai-b", "gpt-4o")]: "half_open" } });
    const plan = planAttempts(r, ctx);
    expect(plan.attempts.map((a) => [a.virtualKey, a.breaker])).toEqual([
      ["openai-b", "half_open"],
      ["groq-a", "closed"],
    ]);
    expect(plan.skipped.map((s) => [s.path, s.reason])).toEqual([
      ["targets.0", "unknown_virtual_key"],
      ["targets.1", "virtual_key_disabled"],
      ["targets.2", "model_not_allowed"],
      ["targets.3", "circuit_open"],
    ]);
    expect(targetKeysOf(r, ctx)).toEqual([key("openai-a", "gpt-4o"), key("openai-b", "gpt-4o"), key("groq-a", "gpt-4o")]);
  });

  it("needs a model from the target or the request", () => {
    const r = route({ strategy: "fallback", targets: [{ virtualKey: "openai-a" }, { virtualKey: "groq-a", model: "llama" }] });
    const plan = planAttempts(r, context({ requestModel: null }));
    expect(plan.attempts.map((a) => a.model)).toEqual(["llama"]);
    expect(plan.skipped).toEqual([{ path: "targets.0", virtualKey: "openai-a", model: null, reason: "no_model" }]);
  });

  it("answers an empty plan when every target's breaker is open", () => {
    const r = route({ strategy: "loadbalance", targets: [{ virtualKey: "openai-a" }] });
    expect(planAttempts(r, context({ breakers: { [key("openai-a", "gpt-4o")]: "open" } }))).toEqual({
      attempts: [],
      skipped: [{ path: "targets.0", virtualKey: "openai-a", model: "gpt-4o", reason: "circuit_open" }],
    });
  });

  it("orders cheapest by blended price, unknown prices last in declared order", () => {
    const r = route({
      strategy: "cheapest",
      targets: [
        { virtualKey: "mistral-a", model: "unpriced" },
        { virtualKey: "anthropic-a", model: "claude" },
        { virtualKey: "openai-a", model: "unpriced-too" },
        { virtualKey: "openai-b", model: "gpt-4o" },
        { virtualKey: "groq-a", model: "llama" },
      ],
    });
    expect(order(r)).toEqual(["groq-a/llama", "openai-b/gpt-4o", "anthropic-a/claude", "mistral-a/unpriced", "openai-a/unpriced-too"]);
  });

  it("orders fastest by recent latency, measuring targets without a sample first", () => {
    const r = route({ strategy: "fastest", targets: ["openai-a", "openai-b", "groq-a", "anthropic-a"].map((virtualKey) => ({ virtualKey })) });
    const latency = { [key("openai-a", "gpt-4o")]: 900, [key("groq-a", "gpt-4o")]: 120, [key("anthropic-a", "gpt-4o")]: 400 };
    expect(order(r, context({ latency }))).toEqual(["openai-b/gpt-4o", "groq-a/gpt-4o", "anthropic-a/gpt-4o", "openai-a/gpt-4o"]);
  });

  it("ranks a nested group by its best member, then lets it order its own members", () => {
    const r = route({
      strategy: "cheapest",
      targets: [
        { virtualKey: "anthropic-a", model: "claude" },
        { strategy: "fallback", targets: [{ virtualKey: "openai-a", model: "gpt-4o" }, { virtualKey: "groq-a", model: "llama" }] },
      ],
    });
    expect(order(r)).toEqual(["openai-a/gpt-4o", "groq-a/llama", "anthropic-a/claude"]);
  });

  it("tries a target repeated with the same parameters once, but keeps one with different parameters", () => {
    const r = route({
      strategy: "fallback",
      targets: [
        { strategy: "fallback", targets: [{ virtualKey: "openai-a" }, { virtualKey: "groq-a" }] },
        { strategy: "fallback", targets: [{ virtualKey: "openai-a" }, { virtualKey: "openai-a", overrideParams: { max_tokens: 10 } }] },
      ],
    });
    expect(planAttempts(r, context()).attempts.map((a) => a.path)).toEqual(["targets.0.targets.0", "targets.0.targets.1", "targets.1.targets.1"]);
  });
});

describe("weighted load balancing", () => {
  const balanced = route({
    strategy: "loadbalance",
    targets: [
      { virtualKey: "openai-a", weight: 1 },
      { virtualKey: "groq-a", weight: 2 },
      { virtualKey: "anthropic-a", weight: 7 },
      { virtualKey: "mistral-a", weight: 0 },
    ],
  });

  /** How often each virtual key comes first over `draws` plans. */
  function firstPicks(r: Route, ctx: PlanContext, draws: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (let i = 0; i < draws; i++) {
      const first = planAttempts(r, ctx).attempts[0]!.virtualKey;
      counts[first] = (counts[first] ?? 0) + 1;
    }
    return counts;
  }

  /** Pearson's chi-square statistic of observed counts against expected shares. */
  function chiSquare(counts: Record<string, number>, shares: Record<string, number>, draws: number): number {
    return Object.entries(shares).reduce((sum, [name, share]) => sum + ((counts[name] ?? 0) - share * draws) ** 2 / (share * draws), 0);
  }

  it("picks the first target in proportion to weight (chi-square over 10,000 draws)", () => {
    const draws = 10_000;
    const counts = firstPicks(balanced, context({ seed: 2024 }), draws);
    // Two degrees of freedom: 13.82 is the 99.9th percentile, so a fair sampler fails this once in a thousand seeds.
    expect(chiSquare(counts, { "openai-a": 0.1, "groq-a": 0.2, "anthropic-a": 0.7 }, draws)).toBeLessThan(13.82);
    expect(counts["mistral-a"]).toBeUndefined();
  });

  it("detects a sampler that ignores weights", () => {
    const even = route({ ...balanced, targets: balanced.targets.map((t) => ({ ...t, weight: 1 })) });
    const counts = firstPicks(even, context({ seed: 2024 }), 10_000);
    expect(chiSquare(counts, { "openai-a": 0.1, "groq-a": 0.2, "anthropic-a": 0.7 }, 10_000)).toBeGreaterThan(1_000);
  });

  it("shares an open target's weight among the others", () => {
    const draws = 10_000;
    const ctx = context({ seed: 99, breakers: { [key("anthropic-a", "gpt-4o")]: "open" } });
    const counts = firstPicks(balanced, ctx, draws);
    expect(chiSquare(counts, { "openai-a": 1 / 3, "groq-a": 2 / 3 }, draws)).toBeLessThan(10.83);
  });

  it("follows the pick with every other usable target, spares last", () => {
    const random = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const plan = planAttempts(balanced, { ...context(), random });
      expect(plan.attempts.map((a) => a.virtualKey).sort()).toEqual(["anthropic-a", "groq-a", "mistral-a", "openai-a"]);
      expect(plan.attempts.at(-1)!.virtualKey).toBe("mistral-a");
    }
  });

  it("orders the rest by weight too: after the heaviest, the next heaviest comes second most often", () => {
    const random = seededRandom(11);
    let groqSecond = 0;
    let openaiSecond = 0;
    for (let i = 0; i < 5_000; i++) {
      const [first, second] = planAttempts(balanced, { ...context(), random }).attempts;
      if (first!.virtualKey !== "anthropic-a") continue;
      if (second!.virtualKey === "groq-a") groqSecond++;
      if (second!.virtualKey === "openai-a") openaiSecond++;
    }
    // Given anthropic-a first, groq-a follows with probability 2/3.
    expect(groqSecond / (groqSecond + openaiSecond)).toBeCloseTo(2 / 3, 1);
  });

  it("is deterministic for a given random source", () => {
    expect(order(balanced, context({ seed: 3 }))).toEqual(order(balanced, context({ seed: 3 })));
  });
});
