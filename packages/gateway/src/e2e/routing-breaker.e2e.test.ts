import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, attemptsOf, callsTo, createRoute, mockKey } from "../testing/routing-support.js";

/**
 * Small breakers: two calls in the window, half of them failed, open the target. The cool-down is
 * long enough (3 s) that the calls made while a breaker should be open finish well inside it even on
 * a loaded machine; each of those tests also checks the breaker was still open when they ended.
 */
const BREAKER = { windowMs: 60_000, minRequests: 2, failureRate: 0.5, coolDownMs: 3000 };

async function healthOf(t: TestGateway, virtualKey: string) {
  const res = await t.admin("GET", "/api/health/targets");
  expect(res.status).toBe(200);
  return res.body.data.find((h: any) => h.virtualKey === virtualKey);
}

/** Polls target health until the breaker is half open (its cool-down has passed). */
async function waitForHalfOpen(t: TestGateway, virtualKey: string) {
  const deadline = Date.now() + BREAKER.coolDownMs + 5000;
  while ((await healthOf(t, virtualKey))?.state !== "half_open") {
    if (Date.now() > deadline) throw new Error(`${virtualKey} never became half open`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function chat(openai: OpenAI, model: string) {
  const { data, response } = await openai.chat.completions.create({ model, messages: ask("breaker") }).withResponse();
  return { data, requestId: response.headers.get("x-igris-request-id")! };
}

describe("circuit breakers of route targets", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway({ breaker: BREAKER });
    openai = t.client(await t.apiKey("breaker"));
    await mockKey(t, "fragile", "status=503");
    await mockKey(t, "steady");
    await mockKey(t, "alone", "status=503");
    const retry = { attempts: 0 };
    await createRoute(t, { name: "guarded", strategy: "fallback", retry, targets: [{ virtualKey: "fragile" }, { virtualKey: "steady" }] });
    await createRoute(t, { name: "guarded-lb", strategy: "loadbalance", retry, targets: [{ virtualKey: "fragile" }, { virtualKey: "steady" }] });
    await createRoute(t, { name: "lonely", strategy: "fallback", retry, targets: [{ virtualKey: "alone" }] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("opens a target's breaker after failures and shows it open in target health", async () => {
    for (let i = 0; i < 2; i++) await chat(openai, "@route:guarded/gpt-4o-mini");
    expect(callsTo(t, "fragile")).toHaveLength(2);
    expect(await healthOf(t, "fragile")).toMatchObject({ provider: "openai", model: "gpt-4o-mini", state: "open", requests: 2, failures: 2, failureRate: 1 });
    const fragile = await healthOf(t, "fragile");
    expect(Date.parse(fragile.halfOpenAt) - Date.parse(fragile.openedAt)).toBe(BREAKER.coolDownMs);
    expect(await healthOf(t, "steady")).toMatchObject({ state: "closed", failures: 0 });
  });

  it("skips an open target in fallback and loadbalance: the provider stops seeing calls", async () => {
    const before = callsTo(t, "fragile").length;
    const { requestId } = await chat(openai, "@route:guarded/gpt-4o-mini");
    for (let i = 0; i < 12; i++) await chat(openai, "@route:guarded-lb/gpt-4o-mini");
    expect(callsTo(t, "fragile")).toHaveLength(before);
    expect(attemptsOf(await auditRecord(t, requestId))).toEqual([{ virtualKey: "steady", status: 200, error: null }]);
    expect((await healthOf(t, "fragile")).state).toBe("open");
  });

  it("fails at once with 503 when every target of a route is open", async () => {
    for (let i = 0; i < 2; i++) expect((await apiError(chat(openai, "@route:lonely/gpt-4o-mini"))).status).toBe(503);
    const err = await apiError(chat(openai, "@route:lonely/gpt-4o-mini"));
    expect(err.status).toBe(503);
    expect(err.error).toMatchObject({ code: "no_target_available" });
    expect(callsTo(t, "alone")).toHaveLength(2);
  });

  it("lets one probe through after the cool-down, and a failed probe opens the breaker again", async () => {
    await waitForHalfOpen(t, "fragile");
    const before = callsTo(t, "fragile").length;
    const { requestId } = await chat(openai, "@route:guarded/gpt-4o-mini");
    expect(callsTo(t, "fragile")).toHaveLength(before + 1);
    expect(attemptsOf(await auditRecord(t, requestId))).toEqual([
      { virtualKey: "fragile", status: 503, error: "upstream_503" },
      { virtualKey: "steady", status: 200, error: null },
    ]);
    expect((await healthOf(t, "fragile")).state).toBe("open");
    await chat(openai, "@route:guarded/gpt-4o-mini");
    expect(callsTo(t, "fragile")).toHaveLength(before + 1);
  });

  it("closes the breaker when a probe succeeds", async () => {
    // The provider recovers: the same virtual key now reaches a healthy upstream.
    const patched = await t.admin("PATCH", "/api/virtual-keys/fragile", { customBaseUrl: `${t.mock.url}/v1` });
    expect(patched.status, patched.text).toBe(200);
    await waitForHalfOpen(t, "fragile");
    const { requestId } = await chat(openai, "@route:guarded/gpt-4o-mini");
    expect(attemptsOf(await auditRecord(t, requestId))).toEqual([{ virtualKey: "fragile", status: 200, error: null }]);
    // Closed with a fresh window; openedAt keeps when it last opened.
    expect(await healthOf(t, "fragile")).toMatchObject({ state: "closed", requests: 0, failures: 0, halfOpenAt: null });
  });

  it("does not count the client's own 4xx as failures of the target", async () => {
    await mockKey(t, "picky", "status=400");
    await createRoute(t, { name: "picky", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: "picky" }] });
    for (let i = 0; i < 3; i++) expect((await apiError(chat(openai, "@route:picky/gpt-4o-mini"))).status).toBe(400);
    expect(callsTo(t, "picky")).toHaveLength(3);
    expect(await healthOf(t, "picky")).toMatchObject({ state: "closed", requests: 3, failures: 0 });
  });

  it("stops retrying a target once its breaker opens, and never retries a failed probe", async () => {
    await mockKey(t, "relapsing", "status=503");
    await mockKey(t, "backstop");
    await createRoute(t, {
      name: "retrying",
      strategy: "fallback",
      retry: { attempts: 2, baseMs: 10, maxMs: 20 },
      targets: [{ virtualKey: "relapsing" }, { virtualKey: "backstop" }],
    });
    // The second failure opens the breaker (2 calls, all failed): the third try is not made.
    await chat(openai, "@route:retrying/gpt-4o-mini");
    expect(callsTo(t, "relapsing")).toHaveLength(2);
    expect((await healthOf(t, "relapsing")).state).toBe("open");
    await waitForHalfOpen(t, "relapsing");
    const { requestId } = await chat(openai, "@route:retrying/gpt-4o-mini");
    expect(callsTo(t, "relapsing")).toHaveLength(3);
    expect(attemptsOf(await auditRecord(t, requestId))).toEqual([
      { virtualKey: "relapsing", status: 503, error: "upstream_503" },
      { virtualKey: "backstop", status: 200, error: null },
    ]);
  });

  it("serves target health to admin keys only", async () => {
    const gatewayKey = await t.apiKey("not-admin");
    const refused = await t.admin("GET", "/api/health/targets", undefined, gatewayKey);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("admin_key_required");
    expect((await t.admin("GET", "/api/health/targets", undefined, "igris_sk_wrong")).status).toBe(401);
  });
});

describe("circuit breakers shared through Redis", () => {
  const redisUrl = process.env.IGRIS_TEST_REDIS_URL || "redis://127.0.0.1:6379";
  // Redis outlives the test and may be shared: names unique to this run keep breakers apart.
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const frail = `frail-${run}`;
  const sound = `sound-${run}`;
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestGateway({ breaker: BREAKER, redisUrl }), startTestGateway({ breaker: BREAKER, redisUrl })]);
    for (const t of [a, b]) {
      await mockKey(t, frail, "status=503");
      await mockKey(t, sound);
      await createRoute(t, { name: "shared", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: frail }, { virtualKey: sound }] });
    }
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("skips on one gateway a target whose breaker another gateway opened", async () => {
    const viaA = a.client(await a.apiKey("a"));
    const viaB = b.client(await b.apiKey("b"));
    for (let i = 0; i < 2; i++) await chat(viaA, "@route:shared/gpt-4o-mini");
    expect(callsTo(a, frail)).toHaveLength(2);
    expect((await healthOf(b, frail))?.state).toBe("open");
    for (let i = 0; i < 3; i++) await chat(viaB, "@route:shared/gpt-4o-mini");
    expect(callsTo(b, frail)).toHaveLength(0);
    expect(callsTo(b, sound)).toHaveLength(3);
  });
});
