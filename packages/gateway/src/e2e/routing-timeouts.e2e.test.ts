import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, attemptsOf, callsTo, createRoute, keyAt, mockKey, requestIdOf, unacceptingPort } from "../testing/routing-support.js";

/**
 * Each deadline of an attempt, as its own 504 code in the answer and the audit record. Upper bounds
 * on elapsed time are loose (the mock's delays are 10× the deadlines): undici checks some deadlines
 * on a coarse timer, and a loaded 2-core machine adds its own lateness.
 */
describe("upstream timeouts through a route", () => {
  let t: TestGateway;
  let openai: OpenAI;
  let blackhole: Awaited<ReturnType<typeof unacceptingPort>>;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("timeouts"));
    blackhole = await unacceptingPort();
  });

  afterAll(async () => {
    await t?.close();
    blackhole?.close();
  });

  async function expectTimeout(route: string, code: string, stream = false) {
    const started = Date.now();
    const err = await apiError(openai.chat.completions.create({ model: `@route:${route}/gpt-4o-mini`, messages: ask("hurry"), stream }));
    expect(err.status).toBe(504);
    expect(err.error).toMatchObject({ code });
    expect(Date.now() - started).toBeLessThan(4000);
    const record = await auditRecord(t, requestIdOf(err));
    expect(record).toMatchObject({ status: 504, outcome: "failed", error: { type: code } });
    expect(attemptsOf(record)).toEqual([expect.objectContaining({ status: null, error: code })]);
    return record;
  }

  it("answers upstream_first_byte_timeout when the provider does not start answering in firstByteMs", async () => {
    await mockKey(t, "silent", "latency=8000");
    await createRoute(t, { name: "first-byte", strategy: "fallback", retry: { attempts: 0 }, timeouts: { firstByteMs: 300 }, targets: [{ virtualKey: "silent" }] });
    await expectTimeout("first-byte", "upstream_first_byte_timeout");
  });

  it("answers upstream_total_timeout when the attempt runs past totalMs", async () => {
    await mockKey(t, "slow-total", "latency=8000");
    await createRoute(t, {
      name: "total",
      strategy: "fallback",
      retry: { attempts: 0 },
      timeouts: { firstByteMs: 60_000, totalMs: 400 },
      targets: [{ virtualKey: "slow-total" }],
    });
    await expectTimeout("total", "upstream_total_timeout");
  });

  it("answers upstream_connect_timeout when the provider's host does not accept the connection in connectMs", async () => {
    await keyAt(t, "unaccepting", `http://127.0.0.1:${blackhole.port}/v1`);
    await createRoute(t, { name: "connect", strategy: "fallback", retry: { attempts: 0 }, timeouts: { connectMs: 300 }, targets: [{ virtualKey: "unaccepting" }] });
    await expectTimeout("connect", "upstream_connect_timeout");
  });

  it("ends a stream that goes quiet for idleMs after its first events with an error event, without retrying", async () => {
    await mockKey(t, "dawdler", "chunk-delay=4000");
    await mockKey(t, "not-asked");
    await createRoute(t, {
      name: "idle",
      strategy: "fallback",
      retry: { attempts: 2, baseMs: 10, maxMs: 20 },
      timeouts: { idleMs: 300 },
      targets: [{ virtualKey: "dawdler" }, { virtualKey: "not-asked" }],
    });
    const started = Date.now();
    const { data: stream, response } = await openai.chat.completions
      .create({ model: "@route:idle/gpt-4o", messages: ask("stream slowly"), stream: true })
      .withResponse();
    const chunks: unknown[] = [];
    const err = await apiError(
      (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })(),
    );
    // The first event arrived before the gap: the answer had started, so nothing could be retried.
    expect(chunks.length).toBeGreaterThan(0);
    expect(err.error).toMatchObject({ code: "upstream_idle_timeout" });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(callsTo(t, "dawdler")).toHaveLength(1);
    expect(callsTo(t, "not-asked")).toHaveLength(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ status: 200, outcome: "failed", streamed: true, error: { type: "upstream_idle_timeout" } });
    expect(attemptsOf(record)).toEqual([{ virtualKey: "dawdler", status: 200, error: "upstream_idle_timeout" }]);
  });
});
