import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, callsTo, createRoute, mockKey, postChat, sseData } from "../testing/routing-support.js";

describe("Idempotency-Key on chat completions", () => {
  let t: TestGateway;
  let apiKey: string;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("idempotency");
    openai = t.client(apiKey);
    await mockKey(t, "once");
    // Slow enough that a second request arrives while the first is still upstream.
    await mockKey(t, "slow-once", "latency=600");
    await mockKey(t, "recovering", "status=503");
    await mockKey(t, "streamer");
  });

  afterAll(async () => {
    await t?.close();
  });

  const withKey = (key: string) => ({ headers: { "Idempotency-Key": key } });

  it("answers a retried request with the first answer, without a second provider call", async () => {
    const key = randomUUID();
    const first = await openai.chat.completions.create({ model: "@once/gpt-4o-mini", messages: ask("exactly once") }, withKey(key)).withResponse();
    const retry = await openai.chat.completions.create({ model: "@once/gpt-4o-mini", messages: ask("exactly once") }, withKey(key)).withResponse();
    expect(callsTo(t, "once")).toHaveLength(1);
    expect(first.response.headers.get("x-igris-idempotent-replay")).toBeNull();
    expect(retry.response.headers.get("x-igris-idempotent-replay")).toBe("true");
    expect(retry.data).toEqual(first.data);
    const record = await auditRecord(t, retry.response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ status: 200, costMicroUsd: 0, cache: { status: "idempotent_replay", savedMicroUsd: null } });
  });

  it("makes one provider call for two concurrent requests with the same key, and both get its answer", async () => {
    const key = randomUUID();
    const body = { model: "@slow-once/gpt-4o-mini", messages: ask("concurrent") };
    const [a, b] = await Promise.all([postChat(t, apiKey, body, { "Idempotency-Key": key }), postChat(t, apiKey, body, { "Idempotency-Key": key })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(callsTo(t, "slow-once")).toHaveLength(1);
    expect(a.json()).toEqual(b.json());
    expect([a.headers.get("x-igris-idempotent-replay"), b.headers.get("x-igris-idempotent-replay")].sort()).toEqual(["true", null].sort());
  });

  it("refuses the same key for a different request with 422 idempotency_key_reused", async () => {
    const key = randomUUID();
    await openai.chat.completions.create({ model: "@once/gpt-4o-mini", messages: ask("the first question") }, withKey(key));
    const before = callsTo(t, "once").length;
    const err = await apiError(openai.chat.completions.create({ model: "@once/gpt-4o-mini", messages: ask("another question") }, withKey(key)));
    expect(err.status).toBe(422);
    expect(err.error).toMatchObject({ code: "idempotency_key_reused", param: "Idempotency-Key" });
    expect(callsTo(t, "once")).toHaveLength(before);
  });

  it("forgets a key whose call failed with a 5xx, so its retry runs afresh", async () => {
    const key = randomUUID();
    const request = () => openai.chat.completions.create({ model: "@recovering/gpt-4o-mini", messages: ask("try again") }, withKey(key)).withResponse();
    expect((await apiError(request())).status).toBe(503);
    const healed = await t.admin("PATCH", "/api/virtual-keys/recovering", { customBaseUrl: `${t.mock.url}/v1` });
    expect(healed.status, healed.text).toBe(200);
    const retry = await request();
    expect(retry.response.headers.get("x-igris-idempotent-replay")).toBeNull();
    expect(callsTo(t, "recovering")).toHaveLength(2);
    // And now that it succeeded, it is kept.
    expect((await request()).response.headers.get("x-igris-idempotent-replay")).toBe("true");
    expect(callsTo(t, "recovering")).toHaveLength(2);
  });

  it("replays a streamed answer as the same event stream", async () => {
    const key = randomUUID();
    const body = { model: "@streamer/gpt-4o", messages: ask("stream it once"), stream: true, stream_options: { include_usage: true } };
    const first = await postChat(t, apiKey, body, { "Idempotency-Key": key });
    const retry = await postChat(t, apiKey, body, { "Idempotency-Key": key });
    expect(callsTo(t, "streamer")).toHaveLength(1);
    expect(retry.headers.get("x-igris-idempotent-replay")).toBe("true");
    expect(retry.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(sseData(retry.text)).toEqual(sseData(first.text));
    expect(sseData(first.text).at(-1)).toBe("[DONE]");

    // The official client reads the replay as a stream.
    const stream = await openai.chat.completions.create({ model: "@streamer/gpt-4o", messages: ask("stream it once"), stream: true, stream_options: { include_usage: true } }, withKey(key));
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toContain("stream it once");
    expect(callsTo(t, "streamer")).toHaveLength(1);
  });
});

describe("Idempotency-Key on a call the gateway refuses after taking the key", () => {
  const BREAKER = { windowMs: 60_000, minRequests: 2, failureRate: 0.5, coolDownMs: 1500 };
  let t: TestGateway;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestGateway({ breaker: BREAKER });
    apiKey = await t.apiKey("refused");
    await mockKey(t, "solo", "status=503");
    await createRoute(t, { name: "solo", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: "solo" }] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("releases the key when the only target's probe slot is taken, so the retry runs", async () => {
    const body = { model: "@route:solo/gpt-4o-mini", messages: ask("probe race") };
    for (let i = 0; i < 2; i++) expect((await postChat(t, apiKey, body)).status).toBe(503);
    // The provider recovers, slowly: the probe after the cool-down holds the one probe slot for a while.
    const healed = await t.admin("PATCH", "/api/virtual-keys/solo", { customBaseUrl: `${t.mock.url}/_mock/latency=1000/v1` });
    expect(healed.status, healed.text).toBe(200);
    await new Promise((r) => setTimeout(r, BREAKER.coolDownMs + 100));
    const probe = postChat(t, apiKey, body);
    while (callsTo(t, "solo").length < 3) await new Promise((r) => setTimeout(r, 10));

    const key = randomUUID();
    const refused = await postChat(t, apiKey, body, { "Idempotency-Key": key });
    expect(refused.status).toBe(503);
    expect(refused.json().error.code).toBe("no_target_available");
    expect((await probe).status).toBe(200);
    // The refusal released the key: the retry is served now, not held until the key expires.
    const retry = await postChat(t, apiKey, body, { "Idempotency-Key": key }, AbortSignal.timeout(5000));
    expect(retry.status).toBe(200);
    expect(retry.headers.get("x-igris-idempotent-replay")).toBeNull();
  });
});
