import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireFixture } from "../testing/fixtures.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

const recordedChunks = (path: string) =>
  readFileSync(wireFixture(path), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("chat completions through the gateway with the official openai client", () => {
  let t: TestGateway;
  let key: string;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    key = await t.apiKey("e2e");
    openai = t.client(key);
    await t.virtualKey("text", { directives: "fixture=openai/vercel-openai-text" });
    await t.virtualKey("text-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
    await t.virtualKey("synth");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("answers a non-streaming call with the provider's body and audits tokens and cost", async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: "@text/gpt-4.1-nano", messages: [{ role: "user", content: "Invent a holiday" }] }, { headers: { "X-Igris-User": "alice", "X-Igris-Trace-Id": "trace-1", "X-Igris-Metadata-Team": "search" } })
      .withResponse();
    const recorded = JSON.parse(readFileSync(wireFixture("openai/vercel-openai-text.json"), "utf8"));
    expect(data.choices[0]?.message.content).toBe(recorded.choices[0].message.content);
    expect(data.usage?.prompt_tokens).toBe(16);
    const requestId = response.headers.get("x-igris-request-id")!;
    expect(requestId).toMatch(/^req_/);
    expect(response.headers.get("x-igris-provider")).toBe("openai");

    const record = await auditRecord(t, requestId);
    expect(record).toMatchObject({
      virtualKey: "text",
      provider: "openai",
      requestedModel: "@text/gpt-4.1-nano",
      upstreamModel: "gpt-4.1-nano-2025-04-14",
      user: "alice",
      traceId: "trace-1",
      metadata: { team: "search" },
      status: 200,
      outcome: "success",
      streamed: false,
      usage: { promptTokens: 16, completionTokens: 363, cachedTokens: 0, reasoningTokens: 0 },
      // 16 × $0.10/M + 363 × $0.40/M = 146.8 µUSD
      costMicroUsd: 147,
      costUsd: "0.000147",
      error: null,
    });
    expect(response.headers.get("x-igris-cost-usd")).toBe("0.000147");
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("streams the recorded answer, hides the usage chunk it asked for, and audits the usage", async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@text-stream/gpt-4.1-nano", messages: [{ role: "user", content: "Invent a holiday" }], stream: true, user: "bob" })
      .withResponse();
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    const expected = recordedChunks("openai/vercel-openai-text-stream.chunks.txt")
      .map((c) => c.choices[0]?.delta?.content ?? "")
      .join("");
    expect(text).toBe(expected);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    // The gateway asked the upstream for usage on the client's behalf.
    expect((t.mock.requests.at(-1)?.body as any).stream_options).toEqual({ include_usage: true });

    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ streamed: true, outcome: "success", status: 200, user: "bob", usage: { promptTokens: 16, completionTokens: 300 }, costMicroUsd: 122 });
    expect(record.ttftMs).not.toBeNull();
  });

  it("gives the final usage chunk to a client that asked for it", async () => {
    const stream = await openai.chat.completions.create({
      model: "@text-stream/gpt-4.1-nano",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(316);
  });

  it("passes unknown request fields to the upstream untouched and rewrites only the model", async () => {
    await openai.chat.completions.create({
      model: "@synth/my-local-model",
      messages: [{ role: "user", content: "hi" }],
      // @ts-expect-error a vendor field the openai types do not know
      vendor_extension: { mode: "fast", n: [1, 2] },
      temperature: 0.2,
    });
    const sent = t.mock.requests.at(-1)!;
    expect(sent.body).toMatchObject({ model: "my-local-model", vendor_extension: { mode: "fast", n: [1, 2] }, temperature: 0.2 });
    expect(sent.headers.authorization).toMatch(/^Bearer sk-test-synth-/);
  });

  it("refuses a bad or revoked key with 401", async () => {
    await expect(t.client("igris_sk_not_a_real_key").chat.completions.create({ model: "@synth/m", messages: [] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const doomed = await t.apiKey("doomed");
    const list = await t.admin("GET", "/api/keys");
    const id = list.body.data.find((k: any) => k.name === "doomed").id;
    expect((await t.admin("DELETE", `/api/keys/${id}`)).status).toBe(200);
    const err = await t.client(doomed).chat.completions.create({ model: "@synth/m", messages: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.error).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
  });

  it("answers 404 for an unknown virtual key", async () => {
    const err = await openai.chat.completions.create({ model: "@nope/gpt-4o", messages: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.error).toMatchObject({ code: "virtual_key_not_found" });
  });

  it("answers 403 for a model outside the allowlist and for a disabled key", async () => {
    await t.virtualKey("allow", { models: ["gpt-4o*"] });
    await expect(openai.chat.completions.create({ model: "@allow/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })).resolves.toBeDefined();
    const denied = await openai.chat.completions.create({ model: "@allow/o3", messages: [] }).catch((e) => e);
    expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(denied.error).toMatchObject({ code: "model_not_allowed" });

    expect((await t.admin("PATCH", "/api/virtual-keys/allow", { enabled: false })).status).toBe(200);
    const disabled = await openai.chat.completions.create({ model: "@allow/gpt-4o", messages: [] }).catch((e) => e);
    expect(disabled).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(disabled.error).toMatchObject({ code: "virtual_key_disabled" });
  });

  it("answers 400 with an OpenAI error body for malformed input", async () => {
    const post = (body: string) =>
      fetch(`${t.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
    for (const [body, code] of [
      ["{oops", "invalid_json"],
      ["[]", "invalid_body"],
      [JSON.stringify({ messages: [] }), "missing_model"],
      [JSON.stringify({ model: "@synth/m" }), "missing_messages"],
      [JSON.stringify({ model: "@gpt-4o", messages: [] }), "invalid_model_format"],
    ] as const) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error).toMatchObject({ type: "invalid_request_error", code });
    }
    const viaClient = await openai.chat.completions.create({ model: "@gpt-4o", messages: [] }).catch((e) => e);
    expect(viaClient).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("passes upstream 500 and 429 through with their status, body and Retry-After", async () => {
    await t.virtualKey("down", { directives: "status=500" });
    await t.virtualKey("busy", { directives: "status=429;retry-after=7" });
    const down = await openai.chat.completions.create({ model: "@down/gpt-4o", messages: [] }).catch((e) => e);
    expect(down).toBeInstanceOf(OpenAI.InternalServerError);
    expect(down.status).toBe(500);
    expect(typeof down.error.message).toBe("string");

    const busy = await openai.chat.completions.create({ model: "@busy/gpt-4o", messages: [] }).catch((e) => e);
    expect(busy).toBeInstanceOf(OpenAI.RateLimitError);
    expect(busy.headers.get("retry-after")).toBe("7");
    expect(busy.error).toMatchObject({ type: expect.any(String) });
    const record = await auditRecord(t, busy.headers.get("x-igris-request-id"));
    expect(record).toMatchObject({ status: 429, outcome: "upstream_error" });
  });

  it("ends a stream cut by the upstream with an error and records the call as failed", async () => {
    await t.virtualKey("cut", { directives: "fixture=openai/vercel-openai-text-stream;cut=5" });
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@cut/gpt-4.1-nano", messages: [{ role: "user", content: "hi" }], stream: true })
      .withResponse();
    let received = 0;
    const err = await (async () => {
      for await (const _ of stream) received++;
    })().catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String(err.message)).toMatch(/ended before the answer was complete/);
    expect(received).toBeGreaterThan(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ outcome: "failed", streamed: true, error: { type: "upstream_stream_interrupted" } });
  });

  it("records an in-band stream error after a 200 (Groq) as failed and tells the client", async () => {
    await t.virtualKey("groqerr", { directives: "fixture=groq/pyd-groq-tool-use-failed-stream.i0.response" });
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@groqerr/openai/gpt-oss-120b", messages: [{ role: "user", content: "hi" }], stream: true })
      .withResponse();
    const err = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ outcome: "failed", error: { type: "tool_use_failed" } });
  });

  it("cancels the upstream request when the client aborts a stream", async () => {
    await t.virtualKey("stall", { directives: "fixture=openai/vercel-openai-text-stream;stall=3" });
    const controller = new AbortController();
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@stall/gpt-4.1-nano", messages: [{ role: "user", content: "hi" }], stream: true }, { signal: controller.signal })
      .withResponse();
    const upstreamClosed = t.mock.waitForClientClose(5000);
    let received = 0;
    await (async () => {
      for await (const _ of stream) {
        if (++received === 2) controller.abort();
      }
    })().catch(() => {});
    const closed = await upstreamClosed;
    expect(closed.clientClosedEarly).toBe(true);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ outcome: "aborted", status: 499, streamed: true });
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    await t.admin("POST", "/api/virtual-keys", { slug: "nowhere", provider: "openai-compatible", apiKey: "k", customBaseUrl: "http://127.0.0.1:9/v1" });
    const err = await openai.chat.completions.create({ model: "@nowhere/m", messages: [] }).catch((e) => e);
    expect(err.status).toBe(502);
    expect(err.error).toMatchObject({ code: "upstream_unreachable" });
  });

  it("answers from the built-in demo provider with realistic usage and a cost", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "Hello there" }] }).withResponse();
    expect(data.choices[0]?.message.content).toBeTruthy();
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ virtualKey: "demo", provider: "demo", outcome: "success" });
    expect(record.costMicroUsd).toBeGreaterThan(0);
  });
});
