import { afterAll, describe, expect, it } from "vitest";
import { GatewayError } from "../lib/errors.js";
import { createScratchRedis } from "../limits/scratch-redis.js";
import { MemoryIdempotencyStore } from "./idempotency.js";
import { type IdempotencyOptions, idempotencyScope, type IdempotencyStore, type StoredResult } from "./idempotency-types.js";
import { ManualClock } from "./manual-clock.js";
import { RedisIdempotencyStore } from "./redis-idempotency.js";

const scratch = createScratchRedis();
afterAll(() => scratch.drop());

const ANSWER: StoredResult = { status: 200, headers: { "content-type": "application/json", "x-igris-cost-usd": "0.000120" }, body: '{"id":"chatcmpl-1"}' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (r: { state: string; token?: string }) => {
  if (r.state !== "new" || !r.token) throw new Error(`expected to hold the key, got ${r.state}`);
  return r.token;
};

const stores = [
  { name: "MemoryIdempotencyStore", open: (o: IdempotencyOptions = {}): IdempotencyStore => new MemoryIdempotencyStore(o) },
  { name: "RedisIdempotencyStore", open: (o: IdempotencyOptions = {}): IdempotencyStore => new RedisIdempotencyStore(scratch.connect(), { ...o, prefix: `${scratch.prefix}idem:${Math.random()}:` }) },
];

describe.each(stores)("$name", ({ open }) => {
  it("lets the first request run, holds retries while it does, then replays its answer", async () => {
    const store = open();
    const first = await store.begin("k", "fp");
    expect(await store.begin("k", "fp")).toEqual({ state: "in_flight" });
    expect(await store.complete("k", token(first), ANSWER)).toBe(true);
    expect(await store.begin("k", "fp")).toEqual({ state: "done", result: ANSWER });
  });

  it("refuses a key reused for a different request, running or done", async () => {
    const store = open();
    const first = await store.begin("k", "fp-a");
    expect(await store.begin("k", "fp-b")).toEqual({ state: "mismatch" });
    await store.complete("k", token(first), ANSWER);
    expect(await store.begin("k", "fp-b")).toEqual({ state: "mismatch" });
  });

  it("forgets a failed request so a retry runs it afresh, and only its holder may complete or release", async () => {
    const store = open();
    const first = await store.begin("k", "fp");
    expect(await store.complete("k", "not-the-token", ANSWER)).toBe(false);
    await store.fail("k", "not-the-token");
    expect(await store.begin("k", "fp")).toEqual({ state: "in_flight" });
    await store.fail("k", token(first));
    const second = await store.begin("k", "fp");
    expect(second.state).toBe("new");
    expect(await store.complete("k", token(first), ANSWER)).toBe(false);
  });

  it("gives exactly one of many simultaneous requests the key", async () => {
    const store = open();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.begin("race", "fp")));
    expect(results.filter((r) => r.state === "new")).toHaveLength(1);
  });

  it("wakes a waiting retry with the answer once the first request completes", async () => {
    const store = open();
    const first = await store.begin("k", "fp");
    const waiting = store.wait("k", "fp", { timeoutMs: 2_000 });
    await sleep(60);
    await store.complete("k", token(first), ANSWER);
    expect(await waiting).toEqual({ state: "done", result: ANSWER });
  });

  it("hands the key to one waiter when the first request fails", async () => {
    const store = open();
    const first = await store.begin("k", "fp");
    const waiters = [store.wait("k", "fp", { timeoutMs: 2_000 }), store.wait("k", "fp", { timeoutMs: 300 })];
    await sleep(30);
    await store.fail("k", token(first));
    const states = (await Promise.all(waiters)).map((r) => r.state).sort();
    expect(states).toEqual(["in_flight", "new"]);
  });

  it("stops waiting at the timeout, or when the client goes away", async () => {
    const store = open();
    await store.begin("k", "fp");
    const started = Date.now();
    expect(await store.wait("k", "fp", { timeoutMs: 80 })).toEqual({ state: "in_flight" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    const client = new AbortController();
    setTimeout(() => client.abort(), 20);
    expect(await store.wait("k", "fp", { timeoutMs: 5_000, signal: client.signal })).toEqual({ state: "in_flight" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("frees a key whose request never finished once the pending TTL passes", async () => {
    const store = open({ pendingTtlMs: 100 });
    const stale = await store.begin("k", "fp");
    const waiting = store.wait("k", "fp", { timeoutMs: 2_000 });
    const next = await waiting;
    expect(next.state).toBe("new");
    expect(await store.complete("k", token(stale), ANSWER)).toBe(false);
  });

  it("replays an answer only for the result TTL", async () => {
    const store = open({ resultTtlMs: 100 });
    await store.complete("k", token(await store.begin("k", "fp")), ANSWER);
    expect((await store.begin("k", "fp")).state).toBe("done");
    await sleep(150);
    expect((await store.begin("k", "fp")).state).toBe("new");
  });
});

describe("the memory idempotency store with a manual clock", () => {
  it("times out a wait exactly at its deadline", async () => {
    const clock = new ManualClock(1_000);
    const store = new MemoryIdempotencyStore({ clock: clock.now, scheduler: clock });
    await store.begin("k", "fp");
    let settled = false;
    const waiting = store.wait("k", "fp", { timeoutMs: 500 }).then((r) => ((settled = true), r));
    clock.advance(499);
    await sleep(0);
    expect(settled).toBe(false);
    clock.advance(1);
    expect(await waiting).toEqual({ state: "in_flight" });
    expect(clock.pending).toBe(0);
  });
});

describe("idempotency scopes", () => {
  it("keep organisations and API keys apart and bound the key's length", () => {
    const a = idempotencyScope("org_1", "key_a", "order-42");
    expect(a).toMatch(/^org_1\|key_a\|[0-9a-f]{64}$/);
    expect(idempotencyScope("org_1", "key_b", "order-42")).not.toBe(a);
    expect(idempotencyScope("org_2", "key_a", "order-42")).not.toBe(a);
    expect(idempotencyScope("org_1", "key_a", "order-42")).toBe(a);
    for (const bad of ["", "x".repeat(256), "has space", "naïve"]) {
      expect(() => idempotencyScope("org_1", "key_a", bad)).toThrow(GatewayError);
    }
  });
});
