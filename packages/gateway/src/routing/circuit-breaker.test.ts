import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScratchRedis } from "../limits/scratch-redis.js";
import type { BreakerSettings, CircuitBreaker } from "./breaker-types.js";
import { breakerSettings, MemoryCircuitBreaker } from "./circuit-breaker.js";
import { RedisCircuitBreaker } from "./redis-circuit-breaker.js";

const SETTINGS: BreakerSettings = { windowMs: 10_000, minRequests: 4, failureRate: 0.5, coolDownMs: 5_000, halfOpenProbes: 2, probeLeaseMs: 3_000 };
const T0 = 1_900_000_000_000;
const TARGET = "org_1|openai-prod|openai|gpt-4o";
const OTHER = "org_1|groq-prod|groq|llama";

const scratch = createScratchRedis();
afterAll(() => scratch.drop());
let run = 0;

const breakers = [
  { name: "MemoryCircuitBreaker", open: (clock: () => number): CircuitBreaker => new MemoryCircuitBreaker({ settings: SETTINGS, clock }) },
  {
    name: "RedisCircuitBreaker",
    open: (clock: () => number): CircuitBreaker => new RedisCircuitBreaker(scratch.connect(), { settings: SETTINGS, prefix: `${scratch.prefix}${++run}:`, clock }),
  },
];

describe.each(breakers)("$name", ({ open }) => {
  let now: number;
  let breaker: CircuitBreaker;

  beforeEach(() => {
    now = T0;
    breaker = open(() => now);
  });
  afterEach(() => breaker.close());

  async function outcomes(key: string, pattern: string): Promise<void> {
    for (const c of pattern) await (c === "x" ? breaker.recordFailure(key) : breaker.recordSuccess(key));
  }

  /** Opens the target's breaker: four failures in a row. */
  const trip = (key = TARGET) => outcomes(key, "xxxx");

  it("lets everything through for a target it has never seen", async () => {
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: true, probe: false });
    expect(await breaker.status(TARGET)).toEqual({ key: TARGET, state: "closed", requests: 0, failures: 0, openedAt: null, halfOpenAt: null });
    expect(await breaker.states([TARGET, OTHER])).toEqual(new Map([[TARGET, "closed"], [OTHER, "closed"]]));
  });

  it("stays closed below the minimum number of calls, however many failed", async () => {
    await outcomes(TARGET, "xxx");
    expect(await breaker.status(TARGET)).toMatchObject({ state: "closed", requests: 3, failures: 3 });
    expect((await breaker.acquire(TARGET)).allowed).toBe(true);
  });

  it("stays closed while failures are under the rate, and opens when they reach it", async () => {
    await outcomes(TARGET, "vvvxvx");
    expect(await breaker.status(TARGET)).toMatchObject({ state: "closed", requests: 6, failures: 2 });
    await outcomes(TARGET, "x");
    expect(await breaker.status(TARGET)).toMatchObject({ state: "closed", requests: 7, failures: 3 });
    await outcomes(TARGET, "x");
    expect(await breaker.status(TARGET)).toEqual({ key: TARGET, state: "open", requests: 8, failures: 4, openedAt: T0, halfOpenAt: T0 + 5_000 });
  });

  it("turns calls away while open, telling when to come back, and keeps other targets apart", async () => {
    await trip();
    now = T0 + 4_999;
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: false, retryAt: T0 + 5_000 });
    expect(await breaker.acquire(OTHER)).toEqual({ allowed: true, probe: false });
    expect(await breaker.states([TARGET, OTHER])).toEqual(new Map([[TARGET, "open"], [OTHER, "closed"]]));
  });

  it("counts only the calls inside the rolling window", async () => {
    await outcomes(TARGET, "xxx");
    now = T0 + 10_000;
    await outcomes(TARGET, "x");
    expect(await breaker.status(TARGET)).toMatchObject({ state: "closed", requests: 1, failures: 1 });
    now = T0 + 14_000;
    await outcomes(TARGET, "vxx");
    expect(await breaker.status(TARGET)).toMatchObject({ state: "open", requests: 4, failures: 3 });
  });

  it("half-opens after the cool-down and lets only the allowed number of probes through", async () => {
    await trip();
    now = T0 + 5_000;
    expect(await breaker.states([TARGET])).toEqual(new Map([[TARGET, "half_open"]]));
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: true, probe: true });
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: true, probe: true });
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: false, retryAt: T0 + 8_000 });
    expect((await breaker.status(TARGET)).state).toBe("half_open");
  });

  it("frees the probe slots of probes that never report back once their lease ends", async () => {
    await trip();
    now = T0 + 5_000;
    await breaker.acquire(TARGET);
    await breaker.acquire(TARGET);
    now = T0 + 8_000;
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: true, probe: true });
  });

  it("closes with a fresh window when a probe succeeds", async () => {
    await trip();
    now = T0 + 5_000;
    await breaker.acquire(TARGET);
    await breaker.recordSuccess(TARGET, { probe: true });
    expect(await breaker.status(TARGET)).toMatchObject({ state: "closed", requests: 0, failures: 0, openedAt: T0 });
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: true, probe: false });
    // The old failures are gone: it takes a whole new run of them to open again.
    await outcomes(TARGET, "xxx");
    expect((await breaker.status(TARGET)).state).toBe("closed");
  });

  it("opens again for a new cool-down when a probe fails", async () => {
    await trip();
    now = T0 + 6_000;
    await breaker.acquire(TARGET);
    await breaker.recordFailure(TARGET, { probe: true });
    expect(await breaker.status(TARGET)).toMatchObject({ state: "open", openedAt: T0 + 6_000, halfOpenAt: T0 + 11_000 });
    expect(await breaker.acquire(TARGET)).toEqual({ allowed: false, retryAt: T0 + 11_000 });
  });

  it("ignores late outcomes of calls that were not probes while it is not closed", async () => {
    await trip();
    await breaker.recordSuccess(TARGET);
    expect((await breaker.status(TARGET)).state).toBe("open");
    now = T0 + 5_000;
    await breaker.acquire(TARGET);
    await breaker.recordSuccess(TARGET);
    await breaker.recordFailure(TARGET);
    expect((await breaker.status(TARGET)).state).toBe("half_open");
  });

  it("lists every target it has seen recently, with its state", async () => {
    await trip();
    await outcomes(OTHER, "vx");
    const listed = await breaker.list();
    expect(listed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: OTHER, state: "closed", requests: 2, failures: 1, openedAt: null, halfOpenAt: null },
      { key: TARGET, state: "open", requests: 4, failures: 4, openedAt: T0, halfOpenAt: T0 + 5_000 },
    ]);
  });

  it("forgets a target nobody has called for longer than its retention", async () => {
    await outcomes(OTHER, "v");
    // Retention is twice window + cool-down + probe lease: 36 s here.
    now = T0 + 36_001;
    await outcomes(TARGET, "v");
    expect((await breaker.list()).map((s) => s.key)).toEqual([TARGET]);
  });

  it("refuses to be used once closed", async () => {
    await breaker.close();
    await expect(breaker.acquire(TARGET)).rejects.toThrow(/closed/);
    await expect(breaker.list()).rejects.toThrow(/closed/);
  });
});

describe("the Redis circuit breaker", () => {
  it("is shared: a target opened through one connection is skipped through another", async () => {
    const prefix = `${scratch.prefix}shared:`;
    const one = new RedisCircuitBreaker(scratch.connect(), { settings: SETTINGS, prefix, clock: () => T0 });
    const two = new RedisCircuitBreaker(scratch.connect(), { settings: SETTINGS, prefix, clock: () => T0 });
    for (let i = 0; i < 4; i++) await one.recordFailure(TARGET);
    expect(await two.acquire(TARGET)).toEqual({ allowed: false, retryAt: T0 + 5_000 });
  });

  it("hands out exactly the allowed probes when many instances ask at once", async () => {
    const prefix = `${scratch.prefix}race:`;
    const instances = Array.from({ length: 8 }, () => new RedisCircuitBreaker(scratch.connect(), { settings: SETTINGS, prefix, clock: () => T0 + 5_000 }));
    for (let i = 0; i < 4; i++) await instances[0]!.recordFailure(TARGET, {}, T0);
    const permits = await Promise.all(instances.flatMap((b) => [b.acquire(TARGET), b.acquire(TARGET)]));
    expect(permits.filter((p) => p.allowed)).toHaveLength(2);
  });

  it("keeps one readable hash per target, expiring after the retention, and keeps working after a script flush", async () => {
    const client = scratch.connect();
    const prefix = `${scratch.prefix}layout:`;
    const breaker = new RedisCircuitBreaker(client, { settings: SETTINGS, prefix, clock: () => T0 });
    await breaker.recordFailure(TARGET);
    const hash = `${prefix}t:${TARGET}`;
    expect(await client.hget(hash, "st")).toBe("closed");
    expect(Math.abs((await client.pttl(hash)) - 36_000)).toBeLessThan(2_000);
    await client.script("FLUSH");
    await breaker.recordFailure(TARGET);
    expect(await breaker.status(TARGET)).toMatchObject({ requests: 2, failures: 2 });
  });
});

describe("breaker settings", () => {
  it("refuse values that would silently disable the breaker", () => {
    expect(() => breakerSettings({ failureRate: 0 })).toThrow(RangeError);
    expect(() => breakerSettings({ failureRate: 1.5 })).toThrow(RangeError);
    expect(() => breakerSettings({ minRequests: 0 })).toThrow(RangeError);
    expect(() => breakerSettings({ windowMs: 1.5 })).toThrow(RangeError);
    expect(breakerSettings({ halfOpenProbes: 3 })).toMatchObject({ halfOpenProbes: 3, failureRate: 0.5 });
  });
});
