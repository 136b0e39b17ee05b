import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

describe("POST /v1/embeddings", () => {
  let t: TestGateway;
  let key: string;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    key = await t.apiKey("embed");
    openai = t.client(key);
    await t.virtualKey("emb");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("returns the recorded OpenAI embeddings through the official client and audits usage and cost", async () => {
    // The OpenAI SDK asks for base64 and decodes it; the mock replays a real base64 answer for this model.
    const { data, response } = await openai.embeddings.create({ model: "@emb/text-embedding-3-small", input: "The quick brown fox" }).withResponse();
    expect(data.data[0]!.embedding.length).toBeGreaterThan(100);
    expect(typeof data.data[0]!.embedding[0]).toBe("number");
    expect((data as any).metadata).toBeUndefined();
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ endpoint: "embeddings", virtualKey: "emb", outcome: "success", usage: { promptTokens: data.usage.prompt_tokens, completionTokens: 0 } });
    // text-embedding-3-small: $0.02 per million tokens.
    expect(record.costMicroUsd).toBe(Math.round(data.usage.prompt_tokens * 0.02));
    expect(response.headers.get("x-igris-cost-usd")).toMatch(/^0\.\d{6}$/);
  });

  it("passes dimensions and float encoding through, and works on the native route", async () => {
    const floats = await openai.embeddings.create({ model: "@emb/my-embedder", input: ["a", "b"], dimensions: 8, encoding_format: "float" });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[0]!.embedding).toHaveLength(8);
    expect(t.mock.requests.at(-1)!.body).toMatchObject({ model: "my-embedder", dimensions: 8 });

    const native = new OpenAI({ apiKey: key, baseURL: `${t.url}/llm/emb/v1`, maxRetries: 0 });
    const { response } = await native.embeddings.create({ model: "my-embedder", input: "x", encoding_format: "float" }).withResponse();
    expect((await auditRecord(t, response.headers.get("x-igris-request-id")!)).endpoint).toBe("passthrough");
  });

  it("is governed: content guards scan the input, limits reserve no output tokens, endpoint rules apply", async () => {
    await t.admin("PUT", "/api/policies", {
      rules: [
        { id: "no-embed-for-bob", target: { kind: "llm_endpoint", endpoint: "embeddings" }, action: "deny", conditions: { user: "bob" } },
        { id: "embed", target: { kind: "llm_endpoint", endpoint: "embeddings" }, action: "allow", contentGuard: { detectors: ["email"], action: "redact" }, limit: { tokens: 50, per: "minute", scope: "user" } },
      ],
    });
    await openai.embeddings.create({ model: "@emb/my-embedder", input: ["write to ann@example.com", "plain"], encoding_format: "float" }, { headers: { "X-Igris-User": "ann" } });
    expect(t.mock.requests.at(-1)!.body).toMatchObject({ input: ["write to [REDACTED:email]", "plain"] });
    // 40 tokens of input fit a 50-token limit: no max_tokens-sized output is reserved for embeddings.
    await expect(openai.embeddings.create({ model: "@emb/my-embedder", input: "word ".repeat(40), encoding_format: "float" }, { headers: { "X-Igris-User": "cy" } })).resolves.toBeDefined();
    const denied = await openai.embeddings.create({ model: "@emb/my-embedder", input: "x" }, { headers: { "X-Igris-User": "bob" } }).catch((e) => e);
    expect(denied.error).toMatchObject({ type: "policy_denied", rule_id: "no-embed-for-bob" });
    await t.admin("PUT", "/api/policies", { rules: [] });
  });

  it("answers malformed input with a 400", async () => {
    const post = (body: unknown) =>
      fetch(`${t.url}/v1/embeddings`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await post({ model: "@emb/m" })).toMatchObject({ status: 400, body: { error: { code: "invalid_input" } } });
    expect(await post({ model: "@emb/m", input: [] })).toMatchObject({ status: 400 });
    expect(await post({ model: "@emb/m", input: "x", encoding_format: "int8" })).toMatchObject({ status: 400, body: { error: { code: "invalid_encoding_format" } } });
    expect(await post({ model: "@m", input: "x" })).toMatchObject({ status: 400, body: { error: { code: "invalid_model_format" } } });
    expect(await post({ model: "no-such-model-anywhere", input: "x" })).toMatchObject({ status: 404, body: { error: { code: "no_provider_for_model" } } });
  });
});
