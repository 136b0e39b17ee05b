import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Igris } from "./client.js";
import { IgrisError } from "./errors.js";
import { auditFor, startSdkGateway, type TestGateway } from "./test-support/gateway.js";

const ask = [{ role: "user" as const, content: "Invent a holiday" }];

describe("the SDK against a running gateway", () => {
  let t: TestGateway;
  let admin: Igris;
  let igris: Igris;

  beforeAll(async () => {
    ({ t, admin, igris } = await startSdkGateway());
    await t.virtualKey("openai-prod");
    await t.virtualKey("cut-stream", { directives: "fixture=openai/vercel-openai-text-stream;cut=3" });
    await t.virtualKey("slow", { directives: "latency=5000" });
    await t.virtualKey("trickle", { directives: "fixture=openai/vercel-openai-text-stream;chunk-delay=200" });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("creates a chat completion, recording the user from the body", async () => {
    const answer = await igris.chat.completions.create({ model: "@openai-prod/gpt-4.1-nano", messages: ask, user: "sdk-chat" });
    expect(answer.object).toBe("chat.completion");
    expect(answer.choices[0]!.message.content).toMatch(/Galaxy Day/);
    expect(answer.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 363 });
    const [record] = await auditFor(t, admin, "sdk-chat");
    expect(record).toMatchObject({ endpoint: "chat.completions", virtualKey: "openai-prod", requestedModel: "@openai-prod/gpt-4.1-nano", outcome: "success" });
  });

  it("streams, with usage on the last chunk", async () => {
    const stream = await igris.chat.completions.create({ model: "@openai-prod/gpt-4.1-nano", messages: ask, stream: true });
    expect(stream.requestId).toMatch(/^req_/);
    let text = "";
    let last;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      last = chunk;
    }
    expect(text).toMatch(/Harmony Day/);
    expect(last!.choices).toEqual([]);
    expect(last!.usage).toMatchObject({ completion_tokens: 300, prompt_tokens_details: { cached_tokens: expect.any(Number) } });
  });

  it("throws from the iterator when the gateway ends a 200 stream with an error event", async () => {
    const stream = await igris.chat.completions.create({ model: "@cut-stream/gpt-4.1-nano", messages: ask, stream: true });
    let received = 0;
    const err = await (async () => {
      for await (const _ of stream) received++;
    })().catch((e) => e);
    expect(received).toBeGreaterThan(0);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ status: null, code: "upstream_stream_interrupted", requestId: stream.requestId });
  });

  it("creates embeddings", async () => {
    const answer = await igris.embeddings.create({ model: "@openai-prod/text-embedding-3-small", input: ["one", "two"], dimensions: 8, encoding_format: "float", user: "sdk-embed" });
    expect(answer.data).toHaveLength(2);
    expect(answer.data[0]!.embedding).toHaveLength(8);
    const [record] = await auditFor(t, admin, "sdk-embed");
    expect(record).toMatchObject({ endpoint: "embeddings", outcome: "success" });
  });

  it("lists the providers", async () => {
    const providers = await igris.llmProviders.list();
    expect(providers.length).toBeGreaterThanOrEqual(60);
    expect(providers.find((p) => p.slug === "openai")).toMatchObject({ name: "OpenAI", baseUrl: "https://api.openai.com/v1", authStyle: "bearer", configured: true });
    expect(providers.find((p) => p.slug === "ollama")?.baseUrl).toBeNull();
    for (const p of providers) expect(p.supportedEndpoints.length).toBeGreaterThan(0);
  });

  it("connects the official OpenAI SDK with identity headers through connectLlm()", async () => {
    const conn = igris.connectLlm("openai-prod", { user: "sdk-connect", traceId: "trace-42", metadata: { team: "search" } });
    expect(conn.baseUrl).toBe(`${t.url}/llm/openai-prod/v1`);
    const openai = new OpenAI({ apiKey: conn.apiKey, baseURL: conn.baseUrl, defaultHeaders: conn.headers, maxRetries: 0 });
    const answer = await openai.chat.completions.create({ model: "gpt-4.1-nano", messages: ask });
    expect(answer.choices[0]!.message.content).toMatch(/Galaxy Day/);
    const [record] = await auditFor(t, admin, "sdk-connect");
    expect(record).toMatchObject({ endpoint: "passthrough", virtualKey: "openai-prod", traceId: "trace-42", metadata: { team: "search" } });
  });

  it("manages virtual keys", async () => {
    const created = await admin.virtualKeys.create({ slug: "sdk-managed", provider: "openai", apiKey: "sk-secret-managed", models: ["gpt-4o*"] });
    expect(created).toMatchObject({ slug: "sdk-managed", provider: "openai", customBaseUrl: null, models: ["gpt-4o*"], enabled: true });
    expect(JSON.stringify(created)).not.toContain("sk-secret-managed");
    expect((await admin.virtualKeys.list()).map((vk) => vk.slug)).toEqual(expect.arrayContaining(["openai-prod", "sdk-managed"]));
    expect(await admin.virtualKeys.get("sdk-managed")).toEqual(created);
    const updated = await admin.virtualKeys.update("sdk-managed", { enabled: false, models: null, customBaseUrl: `${t.mock.url}/v1` });
    expect(updated).toMatchObject({ enabled: false, models: null, customBaseUrl: `${t.mock.url}/v1` });
    expect(await admin.virtualKeys.delete("sdk-managed")).toBeUndefined();
    await expect(admin.virtualKeys.get("sdk-managed")).rejects.toMatchObject({ status: 404, code: "virtual_key_not_found" });
  });

  it("pages and filters the audit trail", async () => {
    for (let i = 0; i < 3; i++) await igris.chat.completions.create({ model: "@openai-prod/gpt-4o-mini", messages: ask }, { headers: { "X-Igris-User": "sdk-pages" } });
    const all = await auditFor(t, admin, "sdk-pages", 3);
    const first = await admin.audit.list({ user: "sdk-pages", limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await admin.audit.list({ user: "sdk-pages", limit: 2, cursor: first.nextCursor! });
    expect([...first.data, ...second.data].map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(second.nextCursor).toBeNull();
    expect((await admin.audit.list({ user: "sdk-pages", status: "success", from: new Date(Date.now() - 60_000) })).data).toHaveLength(3);
    expect((await admin.audit.list({ user: "sdk-pages", to: new Date(0) })).data).toHaveLength(0);
  });

  it("aborts a call waiting for its answer, and a stream being read", async () => {
    const early = new AbortController();
    const started = Date.now();
    const pending = igris.chat.completions.create({ model: "@slow/m", messages: ask }, { signal: early.signal }).catch((e) => e);
    setTimeout(() => early.abort(), 100);
    const err = await pending;
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ code: "aborted" });
    expect(err.cause).toBeDefined();
    expect(Date.now() - started).toBeLessThan(3000);

    const midway = new AbortController();
    const stream = await igris.chat.completions.create({ model: "@trickle/gpt-4.1-nano", messages: ask, stream: true }, { signal: midway.signal });
    let received = 0;
    const streamErr = await (async () => {
      for await (const _ of stream) if (++received === 2) midway.abort();
    })().catch((e) => e);
    expect(received).toBe(2);
    expect(streamErr).toBeInstanceOf(IgrisError);
    expect(streamErr.code).toBe("aborted");
  });

  it("reports a gateway it cannot reach as an IgrisError with the cause", async () => {
    const nowhere = new Igris({ apiKey: "igris_sk_x", baseUrl: "http://127.0.0.1:9" });
    const err = await nowhere.llmProviders.list().catch((e) => e);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ code: "network_error", status: null });
    expect(err.cause).toBeInstanceOf(Error);
  });
});
