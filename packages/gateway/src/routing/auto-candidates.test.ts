import { describe, expect, it } from "vitest";
import { Catalog, catalog } from "../catalog/catalog.js";
import type { CatalogModelInput } from "../catalog/schema.js";
import { type AutoCandidateInput, type AutoVirtualKey, autoCandidates } from "./auto-candidates.js";
import type { BreakerState } from "./breaker-types.js";

const CAPS = { streaming: true, tools: true, parallelTools: true, vision: false, jsonOutput: true, structuredOutput: false, reasoning: false };

function entry(provider: string, providerModelId: string, price: [number, number] | null, extra: Partial<CatalogModelInput> = {}): CatalogModelInput {
  return {
    id: `${provider}/${providerModelId}`,
    model: "llama-70b",
    provider,
    providerModelId,
    aliases: [],
    name: "Llama 70B",
    contextLength: 128_000,
    maxOutput: 8_000,
    capabilities: CAPS,
    deprecationDate: null,
    price: price && { input: price[0], output: price[1], source: "https://example.com/pricing", checkedAt: "2026-01-01" },
    ...extra,
  };
}

// Blended (3:1) prices: deepinfra 0.2, groq 0.6, together 0.9, cerebras unknown.
const TEST_CATALOGUE = new Catalog([
  entry("groq", "llama-70b-versatile", [0.6, 0.6]),
  entry("together", "meta/llama-70b", [0.9, 0.9]),
  entry("deepinfra", "meta/Llama-70B", [0.2, 0.2]),
  entry("cerebras", "llama-70b", null),
  entry("fireworks", "llama-70b-old", [0.01, 0.01], { deactivated: true }),
]);

const vk = (slug: string, provider: string, extra: Partial<AutoVirtualKey> = {}): AutoVirtualKey => ({ slug, provider: { slug: provider }, enabled: true, allowsModel: () => true, ...extra });
const ORG_KEYS = [vk("groq-main", "groq"), vk("together-main", "together"), vk("deepinfra-main", "deepinfra"), vk("cerebras-main", "cerebras"), vk("openai-main", "openai"), vk("fireworks-main", "fireworks")];
const key = (slug: string, provider: string, model: string) => `org_1|${slug}|${provider}|${model}`;

function input(overrides: Partial<AutoCandidateInput> & { breakers?: Record<string, BreakerState>; latency?: Record<string, number> } = {}): AutoCandidateInput {
  const { breakers = {}, latency = {}, ...rest } = overrides;
  return {
    orgId: "org_1",
    model: "llama-70b",
    catalogue: TEST_CATALOGUE,
    virtualKeys: ORG_KEYS,
    breakerState: (k) => breakers[k] ?? "closed",
    latencyMs: (k) => latency[k],
    ...rest,
  };
}

const slugs = (i: AutoCandidateInput) => autoCandidates(i).candidates.map((c) => c.virtualKey);

describe("automatic provider choice", () => {
  it("offers the catalogue's providers the organisation has keys for, cheapest first, unknown prices last", () => {
    const plan = autoCandidates(input());
    expect(plan.candidates).toEqual([
      { virtualKey: "deepinfra-main", provider: "deepinfra", model: "meta/Llama-70B", targetKey: key("deepinfra-main", "deepinfra", "meta/Llama-70B"), blendedPrice: 0.2, breaker: "closed" },
      expect.objectContaining({ virtualKey: "groq-main", model: "llama-70b-versatile", blendedPrice: 0.6 }),
      expect.objectContaining({ virtualKey: "together-main", blendedPrice: 0.9 }),
      expect.objectContaining({ virtualKey: "cerebras-main", blendedPrice: undefined }),
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("finds nothing for a model no provider of the organisation serves", () => {
    expect(autoCandidates(input({ model: "gpt-9" }))).toEqual({ candidates: [], skipped: [] });
    expect(autoCandidates(input({ virtualKeys: [vk("openai-main", "openai")] })).candidates).toEqual([]);
  });

  it("keeps to the pinned provider", () => {
    expect(slugs(input({ pinnedProvider: "together" }))).toEqual(["together-main"]);
    expect(slugs(input({ pinnedProvider: "openai" }))).toEqual([]);
  });

  it("leaves out disabled keys, keys whose allowlist refuses the model, and open breakers", () => {
    const keys = [
      vk("groq-off", "groq", { enabled: false }),
      vk("groq-other-models", "groq", { allowsModel: (m) => m === "gpt-4o" }),
      vk("groq-by-own-id", "groq", { allowsModel: (m) => m === "llama-70b-versatile" }),
      vk("together-by-name", "together", { allowsModel: (m) => m === "llama-70b" }),
      vk("deepinfra-main", "deepinfra"),
    ];
    const plan = autoCandidates(input({ virtualKeys: keys, breakers: { [key("deepinfra-main", "deepinfra", "meta/Llama-70B")]: "open" } }));
    expect(plan.candidates.map((c) => c.virtualKey)).toEqual(["groq-by-own-id", "together-by-name"]);
    expect(plan.skipped).toEqual([
      { virtualKey: "groq-off", provider: "groq", reason: "virtual_key_disabled" },
      { virtualKey: "groq-other-models", provider: "groq", reason: "model_not_allowed" },
      { virtualKey: "deepinfra-main", provider: "deepinfra", reason: "circuit_open" },
    ]);
  });

  it("breaks price ties by health, then by recent latency, then by slug", () => {
    const keys = [vk("groq-d", "groq"), vk("groq-c", "groq"), vk("groq-b", "groq"), vk("groq-a", "groq"), vk("groq-e", "groq")];
    const model = "llama-70b-versatile";
    const plan = input({
      virtualKeys: keys,
      breakers: { [key("groq-a", "groq", model)]: "half_open" },
      latency: { [key("groq-b", "groq", model)]: 300, [key("groq-c", "groq", model)]: 100, [key("groq-a", "groq", model)]: 1 },
    });
    // groq-d and groq-e have no sample yet, so they are measured first; groq-a is half open, so it goes last.
    expect(slugs(plan)).toEqual(["groq-d", "groq-e", "groq-c", "groq-b", "groq-a"]);
  });

  it("prefers the provider entry named exactly as asked when a provider serves the name twice", () => {
    const twice = new Catalog([entry("groq", "llama-70b-2025", [1, 1]), entry("groq", "llama-70b", [1, 1])]);
    expect(autoCandidates(input({ catalogue: twice, virtualKeys: [vk("groq-main", "groq")] })).candidates.map((c) => c.model)).toEqual(["llama-70b"]);
  });

  it("ranks the real catalogue's providers of a widely served model by blended price", () => {
    const served = catalog.servedBy("llama-3.3-70b-instruct");
    expect(served.length).toBeGreaterThan(2);
    const keys = served.map((m) => vk(`${m.provider}-key`, m.provider));
    const { candidates } = autoCandidates(input({ catalogue: catalog, model: "llama-3.3-70b-instruct", virtualKeys: keys }));
    expect(candidates).toHaveLength(new Set(served.map((m) => m.provider)).size);
    const prices = candidates.map((c) => c.blendedPrice ?? Number.POSITIVE_INFINITY);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});
