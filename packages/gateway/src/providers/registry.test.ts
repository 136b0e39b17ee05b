import { describe, expect, it } from "vitest";
import { type AuthStyle, type DialectName, findProvider, PROVIDERS } from "./registry.js";

const SELF_HOSTED = ["ollama", "vllm", "lmstudio", "llamacpp", "triton", "modal"];
const RESOURCE_SPECIFIC = ["azure-openai", "vertex-ai", "bedrock", "cloudflare-workers-ai"];

const EXPECTED: ReadonlyArray<[slug: string, dialect: DialectName, authStyle: AuthStyle]> = [
  ["openai", "openai", "bearer"],
  ["azure-openai", "azure", "api-key"],
  ["anthropic", "anthropic", "x-api-key"],
  ["google", "gemini", "x-goog-api-key"],
  ["vertex-ai", "gemini", "bearer"],
  ["bedrock", "bedrock", "sigv4"],
  ["cohere", "cohere", "bearer"],
  ...[
    "mistral", "groq", "together", "fireworks", "deepseek", "xai", "perplexity", "openrouter", "cerebras",
    "deepinfra", "novita", "sambanova", "hyperbolic", "nebius", "moonshot", "qwen", "zhipu", "zai", "minimax",
    "ai21", "nvidia-nim", "huggingface", "cloudflare-workers-ai", "github-models", "lambda", "friendli",
    "baseten", "voyage", "jina", "vllm", "llamacpp", "modal",
  ].map((slug): [string, DialectName, AuthStyle] => [slug, "openai", "bearer"]),
  ...["ollama", "lmstudio", "triton"].map((slug): [string, DialectName, AuthStyle] => [slug, "openai", "none"]),
];

describe("provider registry", () => {
  it("lists at least 60 providers", () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(60);
  });

  it("gives every provider a unique kebab-case slug", () => {
    const slugs = PROVIDERS.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("uses https base URLs without a trailing slash", () => {
    for (const p of PROVIDERS) {
      if (p.baseUrl === null) continue;
      expect(new URL(p.baseUrl).protocol, p.slug).toBe("https:");
      expect(p.baseUrl.endsWith("/"), p.slug).toBe(false);
    }
  });

  it("leaves the base URL to the operator for self-hosted and per-resource providers", () => {
    for (const slug of [...SELF_HOSTED, ...RESOURCE_SPECIFIC, "openai-compatible", "demo"]) {
      const p = findProvider(slug);
      expect(p, slug).toBeDefined();
      expect(p?.baseUrl, slug).toBeNull();
    }
  });

  it("speaks the right dialect with the right auth style for each named provider", () => {
    for (const [slug, dialect, authStyle] of EXPECTED) {
      const p = findProvider(slug);
      expect(p, slug).toBeDefined();
      expect({ slug, dialect: p?.dialect, authStyle: p?.authStyle }).toEqual({ slug, dialect, authStyle });
    }
  });

  it("points the native-dialect providers at their native APIs", () => {
    expect(findProvider("anthropic")?.baseUrl).toBe("https://api.anthropic.com");
    expect(findProvider("cohere")?.baseUrl).toBe("https://api.cohere.com");
    expect(findProvider("google")?.baseUrl).toBe("https://generativelanguage.googleapis.com/v1beta");
  });

  it("offers at least one endpoint per provider", () => {
    for (const p of PROVIDERS) expect(p.supportedEndpoints.length, p.slug).toBeGreaterThan(0);
  });

  it("treats Voyage and Jina as embeddings-only", () => {
    for (const slug of ["voyage", "jina"]) {
      const endpoints = findProvider(slug)?.supportedEndpoints ?? [];
      expect(endpoints, slug).toContain("embeddings");
      expect(endpoints, slug).not.toContain("chat.completions");
    }
  });

  it("names no default credential for self-hosted servers", () => {
    for (const slug of SELF_HOSTED) expect(findProvider(slug)?.envKey, slug).toBeNull();
  });

  it("finds a provider by slug and returns undefined for an unknown one", () => {
    expect(findProvider("groq")?.baseUrl).toBe("https://api.groq.com/openai/v1");
    expect(findProvider("fireworks")?.baseUrl).toBe("https://api.fireworks.ai/inference/v1");
    expect(findProvider("no-such-provider")).toBeUndefined();
    expect(findProvider("")).toBeUndefined();
  });
});
