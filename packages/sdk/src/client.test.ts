import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Igris } from "./client.js";
import { IgrisError } from "./errors.js";
import { fakeFetch, json } from "./test-support/fake-fetch.js";

describe("new Igris()", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("throws synchronously without an API key", () => {
    expect(() => new Igris({ apiKey: "" })).toThrow(IgrisError);
    expect(() => new Igris({ apiKey: "   " })).toThrow(/API key is required/);
    expect(() => new Igris({} as never)).toThrow(IgrisError);
  });

  it("takes baseUrl from the option, then IGRIS_BASE_URL, then the local default", async () => {
    vi.stubEnv("IGRIS_BASE_URL", "http://from-env:1234");
    expect(new Igris({ apiKey: "k", baseUrl: "http://from-option:1/" }).baseUrl).toBe("http://from-option:1");
    const { fetch, sent } = fakeFetch(() => json(200, { data: [] }));
    await new Igris({ apiKey: "k", fetch }).llmProviders.list();
    expect(sent[0]!.url).toBe("http://from-env:1234/v1/providers");
    vi.stubEnv("IGRIS_BASE_URL", "");
    expect(new Igris({ apiKey: "k" }).baseUrl).toBe("http://127.0.0.1:8787");
  });

  it("does not expose the API key as a property", () => {
    const igris = new Igris({ apiKey: "igris_sk_secret" });
    expect(JSON.stringify(igris)).not.toContain("igris_sk_secret");
    expect(inspect(igris, { depth: 5 })).not.toContain("igris_sk_secret");
  });
});

describe("connectLlm()", () => {
  const igris = new Igris({ apiKey: "igris_sk_abc", baseUrl: "https://gw.example.com/" });

  it("names the native route, the key and the identity headers", () => {
    expect(igris.connectLlm("openai-prod", { user: "alice", traceId: "t-1", metadata: { team: "search", feature: "qa" } })).toEqual({
      baseUrl: "https://gw.example.com/llm/openai-prod/v1",
      apiKey: "igris_sk_abc",
      headers: { "X-Igris-User": "alice", "X-Igris-Trace-Id": "t-1", "X-Igris-Metadata-team": "search", "X-Igris-Metadata-feature": "qa" },
    });
    expect(igris.connectLlm("local").headers).toEqual({});
  });

  it("refuses a slug the gateway could never route and a metadata key that is no header name", () => {
    expect(() => igris.connectLlm("../admin")).toThrow(IgrisError);
    expect(() => igris.connectLlm("ok-slug", { metadata: { "bad key": "x" } })).toThrow(/cannot be sent as a header name/);
  });
});
