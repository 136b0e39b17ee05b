import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, attemptsOf, callsTo, createRoute, gapsBetween, mockKey, requestIdOf } from "../testing/routing-support.js";

/**
 * Scheduling slack on a loaded 2-core machine: what a gap between two upstream calls may exceed the
 * gateway's own wait by (relaying the error, the next request's set-up, timers firing late).
 */
const SLACK_MS = 1000;

describe("retries and backoff at one target", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("retries"));
  });

  afterAll(async () => {
    await t?.close();
  });

  it("retries a 503 exactly twice with attempts: 2, each wait within maxMs", async () => {
    await mockKey(t, "flaky", "status=503");
    await createRoute(t, { name: "backoff", strategy: "fallback", retry: { attempts: 2, baseMs: 100, maxMs: 300 }, targets: [{ virtualKey: "flaky" }] });
    const err = await apiError(openai.chat.completions.create({ model: "@route:backoff/gpt-4o-mini", messages: ask("retry me") }));
    expect(err.status).toBe(503);
    expect(callsTo(t, "flaky")).toHaveLength(3);
    for (const gap of gapsBetween(t, "flaky")) {
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(300 + SLACK_MS);
    }
    const record = await auditRecord(t, requestIdOf(err));
    expect(record).toMatchObject({ status: 503, outcome: "upstream_error" });
    expect(attemptsOf(record).map((a) => a.status)).toEqual([503, 503, 503]);
  });

  it("caps the doubling backoff at maxMs", async () => {
    await mockKey(t, "flaky-long", "status=503");
    // Uncapped, the 4th to 6th waits would be drawn below 1.6, 3.2 and 6.4 s: all three under the bound
    // below about one run in sixteen, so a missing cap rarely goes unseen.
    await createRoute(t, { name: "capped", strategy: "fallback", retry: { attempts: 6, baseMs: 200, maxMs: 250 }, targets: [{ virtualKey: "flaky-long" }] });
    await apiError(openai.chat.completions.create({ model: "@route:capped/gpt-4o-mini", messages: ask("retry a lot") }));
    expect(callsTo(t, "flaky-long")).toHaveLength(7);
    for (const gap of gapsBetween(t, "flaky-long")) expect(gap).toBeLessThanOrEqual(250 + SLACK_MS);
  });

  it("waits as long as Retry-After says when it is under maxRetryAfterMs", async () => {
    await mockKey(t, "says-wait", "status=429;retry-after=1");
    await createRoute(t, { name: "hinted", strategy: "fallback", retry: { attempts: 1, baseMs: 10, maxMs: 20, maxRetryAfterMs: 5000 }, targets: [{ virtualKey: "says-wait" }] });
    const err = await apiError(openai.chat.completions.create({ model: "@route:hinted/gpt-4o-mini", messages: ask("wait for it") }));
    expect(err.status).toBe(429);
    expect(callsTo(t, "says-wait")).toHaveLength(2);
    // Without the hint the wait would be under 20 ms; timers may fire a millisecond early.
    const [gap] = gapsBetween(t, "says-wait");
    expect(gap).toBeGreaterThanOrEqual(995);
    expect(gap).toBeLessThanOrEqual(1000 + SLACK_MS);
  });

  it("gives a target up at once when its Retry-After is longer than maxRetryAfterMs", async () => {
    await mockKey(t, "says-later", "status=429;retry-after=30");
    await mockKey(t, "answers-now");
    await createRoute(t, {
      name: "too-long",
      strategy: "fallback",
      retry: { attempts: 3, baseMs: 10, maxMs: 20, maxRetryAfterMs: 2000 },
      targets: [{ virtualKey: "says-later" }, { virtualKey: "answers-now" }],
    });
    const started = Date.now();
    const { response } = await openai.chat.completions.create({ model: "@route:too-long/gpt-4o-mini", messages: ask("move on") }).withResponse();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(callsTo(t, "says-later")).toHaveLength(1);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "says-later", status: 429, error: "upstream_429" },
      { virtualKey: "answers-now", status: 200, error: null },
    ]);
  });

  for (const status of [400, 401, 404]) {
    it(`does not retry a ${status}: the same request would be refused again`, async () => {
      const slug = `refuses-${status}`;
      await mockKey(t, slug, `status=${status}`);
      await createRoute(t, { name: `no-retry-${status}`, strategy: "fallback", retry: { attempts: 2, baseMs: 10, maxMs: 20 }, targets: [{ virtualKey: slug }] });
      const err = await apiError(openai.chat.completions.create({ model: `@route:no-retry-${status}/gpt-4o-mini`, messages: ask("refused") }));
      expect(err.status).toBe(status);
      expect(callsTo(t, slug)).toHaveLength(1);
    });
  }

  for (const status of [408, 409, 429]) {
    it(`retries a ${status}`, async () => {
      const slug = `transient-${status}`;
      await mockKey(t, slug, `status=${status}`);
      await createRoute(t, { name: `retry-${status}`, strategy: "fallback", retry: { attempts: 2, baseMs: 10, maxMs: 20 }, targets: [{ virtualKey: slug }] });
      const err = await apiError(openai.chat.completions.create({ model: `@route:retry-${status}/gpt-4o-mini`, messages: ask("again") }));
      expect(err.status).toBe(status);
      expect(callsTo(t, slug)).toHaveLength(3);
    });
  }
});
