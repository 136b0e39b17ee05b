import { describe, expect, it } from "vitest";
import { Catalog } from "./catalog.js";
import { CATALOG_DATA } from "./models/index.js";
import { CatalogModelSchema } from "./schema.js";

const catalog = new Catalog(CATALOG_DATA);
const models = catalog.models;
const today = new Date().toISOString().slice(0, 10);

function entry(provider: string, name: string) {
  const m = catalog.find(provider, name);
  if (!m) throw new Error(`no catalogue entry for ${provider}/${name}`);
  return m;
}

describe("catalogue data", () => {
  it("validates every entry against the schema", () => {
    for (const m of CATALOG_DATA) expect(() => CatalogModelSchema.parse(m), String(m.id)).not.toThrow();
  });

  it("covers at least 200 models from at least 15 providers", () => {
    expect(models.length).toBeGreaterThanOrEqual(200);
    expect(new Set(models.map((m) => m.provider)).size).toBeGreaterThanOrEqual(15);
  });

  it("names every entry <provider>/<providerModelId>, once", () => {
    for (const m of models) expect(m.id).toBe(`${m.provider}/${m.providerModelId}`);
    const ids = models.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("keeps aliases unique within a provider and never another entry's model id", () => {
    for (const provider of new Set(models.map((m) => m.provider))) {
      const entries = models.filter((m) => m.provider === provider);
      const ids = new Set(entries.map((m) => m.providerModelId));
      const aliases = entries.flatMap((m) => m.aliases);
      expect(aliases.filter((a, i) => aliases.indexOf(a) !== i), provider).toEqual([]);
      expect(aliases.filter((a) => ids.has(a)), provider).toEqual([]);
    }
  });

  it("cites an https pricing page and a check day that is not in the future", () => {
    for (const m of models) {
      if (!m.price) continue;
      expect(new URL(m.price.source).protocol, m.id).toBe("https:");
      expect(m.price.checkedAt <= today, m.id).toBe(true);
    }
  });

  it("never prices a cache read above fresh input", () => {
    for (const m of models) {
      const p = m.price;
      if (!p) continue;
      if (p.cachedInput !== undefined) expect(p.cachedInput, m.id).toBeLessThanOrEqual(p.input);
      for (const t of p.tiers ?? []) if (t.cachedInput !== undefined) expect(t.cachedInput, m.id).toBeLessThanOrEqual(t.input);
    }
  });

  it("orders long-context tiers by threshold and never prices a tier below the base", () => {
    for (const m of models) {
      const p = m.price;
      if (!p?.tiers) continue;
      const thresholds = p.tiers.map((t) => t.aboveInputTokens);
      expect(thresholds, m.id).toEqual([...thresholds].sort((a, b) => a - b));
      expect(Math.max(...thresholds), m.id).toBeLessThan(m.contextLength);
      for (const t of p.tiers) {
        expect(t.input, m.id).toBeGreaterThanOrEqual(p.input);
        expect(t.output, m.id).toBeGreaterThanOrEqual(p.output);
        if (t.cachedInput !== undefined && p.cachedInput !== undefined) expect(t.cachedInput, m.id).toBeGreaterThanOrEqual(p.cachedInput);
        if (t.cacheWrite !== undefined && p.cacheWrite !== undefined) expect(t.cacheWrite, m.id).toBeGreaterThanOrEqual(p.cacheWrite);
      }
    }
  });

  it("gives embedding entries no streaming, no tools and no output", () => {
    const embeddings = models.filter((m) => m.maxOutput === 1);
    expect(embeddings.length).toBeGreaterThanOrEqual(10);
    for (const m of embeddings) {
      expect(m.capabilities, m.id).toMatchObject({ streaming: false, tools: false, parallelTools: false });
      if (m.price) expect(m.price.output, m.id).toBe(0);
    }
  });

  it("marks every model whose shutdown day has passed as deactivated, and only those", () => {
    const deactivated = models.filter((m) => m.deactivated);
    expect(deactivated.length).toBeGreaterThanOrEqual(10);
    for (const m of deactivated) expect(m.deprecationDate !== null && m.deprecationDate <= today, m.id).toBe(true);
    for (const m of models) if (m.deprecationDate !== null && m.deprecationDate < today) expect(m.deactivated, m.id).toBe(true);
  });

  it("lists no self-hosted providers", () => {
    const providers = new Set(models.map((m) => m.provider));
    for (const selfHosted of ["ollama", "vllm", "llamacpp", "lmstudio", "tgi"]) expect(providers.has(selfHosted)).toBe(false);
  });
});

describe("well-known prices", () => {
  it("prices gpt-4o at $2.50 in, $1.25 cached, $10 out", () => {
    expect(entry("openai", "gpt-4o").price).toMatchObject({ input: 2.5, cachedInput: 1.25, output: 10 });
  });

  it("prices Claude Sonnet 4.x at $3 / $15 with a $3.75 cache write and $0.30 cache read", () => {
    for (const name of ["claude-sonnet-4-5", "claude-sonnet-4-6"]) {
      expect(entry("anthropic", name).price, name).toMatchObject({ input: 3, output: 15, cacheWrite: 3.75, cacheWrite1h: 6, cachedInput: 0.3 });
    }
  });

  it("prices Gemini 2.5 Pro higher above 200K input tokens", () => {
    expect(entry("google", "gemini-2.5-pro").price).toMatchObject({
      input: 1.25,
      output: 10,
      tiers: [{ aboveInputTokens: 200_000, input: 2.5, output: 15 }],
    });
  });

  it("prices Claude Haiku 5.5 by prompt length at 100K", () => {
    expect(entry("anthropic", "claude-haiku-5-5").price).toMatchObject({
      input: 0.1,
      output: 0.5,
      tiers: [{ aboveInputTokens: 100_000, input: 0.5, output: 2.5 }],
    });
  });

  it("keeps a retired model's last price so older usage still prices", () => {
    const nano = entry("openai", "gpt-4.1-nano-2025-04-14");
    expect(nano).toMatchObject({ providerModelId: "gpt-4.1-nano", deactivated: true, deprecationDate: "2026-10-23" });
    expect(nano.price).toMatchObject({ input: 0.1, output: 0.4 });
  });
});

describe("name resolution", () => {
  it("resolves dated snapshots and -latest names to their entries", () => {
    expect(entry("openai", "gpt-4o-2024-08-06").providerModelId).toBe("gpt-4o");
    expect(entry("openai", "gpt-5-2025-08-07").providerModelId).toBe("gpt-5");
    expect(entry("anthropic", "claude-3-5-sonnet-latest").providerModelId).toBe("claude-3-5-sonnet-20241022");
    expect(entry("anthropic", "claude-sonnet-4-5").providerModelId).toBe("claude-sonnet-4-5-20250929");
    expect(entry("xai", "grok-4.20").providerModelId).toBe("grok-4.20-0309-reasoning");
    expect(entry("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0").providerModelId).toBe("anthropic.claude-sonnet-4-5-20250929-v1:0");
  });

  it("finds every host of an open model by the model's own name", () => {
    const hosts = catalog.servedBy("llama-3.3-70b-instruct").map((m) => m.provider);
    expect(hosts).toEqual(expect.arrayContaining(["groq", "together", "fireworks", "deepinfra", "bedrock", "openrouter"]));
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it("finds a closed model on its maker and on the clouds that resell it", () => {
    const hosts = catalog.servedBy("claude-sonnet-4-5").map((m) => m.provider);
    expect(hosts).toEqual(expect.arrayContaining(["anthropic", "bedrock", "vertex-ai"]));
  });

  it("leaves deactivated entries out of servedBy", () => {
    expect(catalog.servedBy("gemini-2.5-pro").map((m) => m.provider)).toEqual(["google"]);
    expect(catalog.servedBy("claude-3-opus")).toEqual([]);
  });
});
