import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, attemptsOf, callsTo, closedPort, createRoute, keyAt, mockKey, requestIdOf } from "../testing/routing-support.js";

/** Fallback chains through `@route:<name>` and attached routes, with the official openai client. */
describe("fallback through routes", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("routing"));
    // Every test uses keys of its own: breakers count per key, and no test may open another's.
    await mockKey(t, "down-503", "status=503");
    await mockKey(t, "busy-429", "status=429");
    await mockKey(t, "healthy");
    await mockKey(t, "err-500", "status=500");
    await mockKey(t, "spare");
    await mockKey(t, "nested-a", "status=502");
    await mockKey(t, "nested-b", "status=503");
    await mockKey(t, "nested-ok");
    await mockKey(t, "app", "status=503");
    await mockKey(t, "app-backup");
    await keyAt(t, "nowhere", `http://127.0.0.1:${await closedPort()}/v1`);
    await mockKey(t, "net-ok");
    await mockKey(t, "slow", "latency=5000");
    await mockKey(t, "fast");
    await mockKey(t, "cut-stream", "cut=3");
    await mockKey(t, "never-used");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("answers from the healthy target after a 503 and a 429, and audits every try in order", async () => {
    await createRoute(t, {
      name: "chain",
      strategy: "fallback",
      retry: { attempts: 1, baseMs: 10, maxMs: 20 },
      targets: [{ virtualKey: "down-503" }, { virtualKey: "busy-429" }, { virtualKey: "healthy" }],
    });
    const { data, response } = await openai.chat.completions.create({ model: "@route:chain/gpt-4o-mini", messages: ask("fallback please") }).withResponse();
    expect(data.choices[0]?.message.content).toContain("fallback please");
    expect(response.headers.get("x-igris-provider")).toBe("openai");
    expect([callsTo(t, "down-503").length, callsTo(t, "busy-429").length, callsTo(t, "healthy").length]).toEqual([2, 2, 1]);

    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ virtualKey: "healthy", status: 200, outcome: "success", requestedModel: "@route:chain/gpt-4o-mini" });
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "down-503", status: 503, error: "upstream_503" },
      { virtualKey: "down-503", status: 503, error: "upstream_503" },
      { virtualKey: "busy-429", status: 429, error: "upstream_429" },
      { virtualKey: "busy-429", status: 429, error: "upstream_429" },
      { virtualKey: "healthy", status: 200, error: null },
    ]);
  });

  it("answers a failure that fallbackOn does not list as it is, without trying the next target", async () => {
    await createRoute(t, {
      name: "only-429",
      strategy: "fallback",
      fallbackOn: [429],
      retry: { attempts: 0 },
      targets: [{ virtualKey: "err-500" }, { virtualKey: "spare" }],
    });
    const err = await apiError(openai.chat.completions.create({ model: "@route:only-429/gpt-4o-mini", messages: ask("no fallback") }));
    expect(err.status).toBe(500);
    expect(callsTo(t, "err-500")).toHaveLength(1);
    expect(callsTo(t, "spare")).toHaveLength(0);
    const record = await auditRecord(t, requestIdOf(err));
    expect(record).toMatchObject({ virtualKey: "err-500", status: 500 });
    expect(attemptsOf(record)).toEqual([{ virtualKey: "err-500", status: 500, error: expect.any(String) }]);
  });

  it("tries a nested group's members before the next target of the outer group", async () => {
    await createRoute(t, {
      name: "nested",
      strategy: "fallback",
      retry: { attempts: 0 },
      targets: [
        { strategy: "loadbalance", targets: [{ virtualKey: "nested-a" }, { virtualKey: "nested-b" }] },
        { virtualKey: "nested-ok", model: "gpt-4o" },
      ],
    });
    const { data, response } = await openai.chat.completions.create({ model: "@route:nested/gpt-4o-mini", messages: ask("nested") }).withResponse();
    // The last target names its own model; the others take the request's.
    expect(data.model).toBe("gpt-4o");
    expect(callsTo(t, "nested-ok")[0]?.body).toMatchObject({ model: "gpt-4o" });
    expect(callsTo(t, "nested-a")[0]?.body).toMatchObject({ model: "gpt-4o-mini" });
    const attempts = attemptsOf(await auditRecord(t, response.headers.get("x-igris-request-id")!));
    expect(attempts).toHaveLength(3);
    expect(attempts.slice(0, 2).map((a) => a.virtualKey).sort()).toEqual(["nested-a", "nested-b"]);
    expect(attempts[2]).toEqual({ virtualKey: "nested-ok", status: 200, error: null });
  });

  it("makes a call to a virtual key with an attached route follow that route, including the key itself once", async () => {
    await createRoute(t, { name: "attached", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: "app" }, { virtualKey: "app-backup" }] });
    expect((await t.admin("PUT", "/api/routes/attached/virtual-keys/app")).status).toBe(200);
    const { data, response } = await openai.chat.completions.create({ model: "@app/gpt-4o-mini", messages: ask("attached") }).withResponse();
    expect(data.choices[0]?.message.content).toContain("attached");
    expect(callsTo(t, "app")).toHaveLength(1);
    expect(callsTo(t, "app-backup")).toHaveLength(1);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "app", status: 503, error: "upstream_503" },
      { virtualKey: "app-backup", status: 200, error: null },
    ]);
  });

  it("falls back when a target cannot be reached at all (closed port)", async () => {
    await createRoute(t, { name: "network", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: "nowhere" }, { virtualKey: "net-ok" }] });
    const { response } = await openai.chat.completions.create({ model: "@route:network/gpt-4o-mini", messages: ask("network") }).withResponse();
    expect(callsTo(t, "net-ok")).toHaveLength(1);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "nowhere", status: null, error: "upstream_unreachable" },
      { virtualKey: "net-ok", status: 200, error: null },
    ]);
  });

  it("falls back when a target does not start answering within its first-byte timeout", async () => {
    await createRoute(t, {
      name: "timeout",
      strategy: "fallback",
      retry: { attempts: 0 },
      targets: [{ virtualKey: "slow", timeouts: { firstByteMs: 300 } }, { virtualKey: "fast" }],
    });
    const started = Date.now();
    const { response } = await openai.chat.completions.create({ model: "@route:timeout/gpt-4o-mini", messages: ask("timeout") }).withResponse();
    // The slow target answers after 5 s: answering sooner proves the gateway gave up on it.
    expect(Date.now() - started).toBeLessThan(4000);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "slow", status: null, error: "upstream_first_byte_timeout" },
      { virtualKey: "fast", status: 200, error: null },
    ]);
  });

  it("never retries or hands over a stream that breaks after events reached the client", async () => {
    await createRoute(t, { name: "midstream", strategy: "fallback", targets: [{ virtualKey: "cut-stream" }, { virtualKey: "never-used" }] });
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@route:midstream/gpt-4o", messages: ask("tell me a long story"), stream: true })
      .withResponse();
    const text: string[] = [];
    const err = await apiError(
      (async () => {
        for await (const chunk of stream) text.push(chunk.choices[0]?.delta.content ?? "");
      })(),
    );
    expect(text.join("")).not.toBe("");
    expect(err.error).toMatchObject({ code: "upstream_stream_interrupted" });
    expect(callsTo(t, "cut-stream")).toHaveLength(1);
    expect(callsTo(t, "never-used")).toHaveLength(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ virtualKey: "cut-stream", outcome: "failed", streamed: true, error: { type: "upstream_stream_interrupted" } });
    expect(attemptsOf(record)).toEqual([{ virtualKey: "cut-stream", status: 200, error: "upstream_stream_interrupted" }]);
  });
});
