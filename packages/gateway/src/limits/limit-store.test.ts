import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryLimitStore } from "./memory-limit-store.js";
import { RedisLimitStore } from "./redis-limit-store.js";
import { createScratchRedis } from "./scratch-redis.js";
import type { Amounts, LimitCounter, LimitStore } from "./types.js";
import { windowBounds } from "./window-bounds.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Redis expires keys by its own clock, so test time lies ahead of the real one: the 15th of next
// month, 10:30:30 UTC — half a minute into its minute, well inside its hour, day and month.
const T0 = windowBounds("month", Date.now()).end + 14 * DAY + 10 * HOUR + 30 * MINUTE + 30_000;

const scratch = createScratchRedis();
afterAll(() => scratch.drop());
let run = 0;

const stores = [
  { name: "MemoryLimitStore", open: (clock: () => number): LimitStore => new MemoryLimitStore({ clock }) },
  {
    name: "RedisLimitStore",
    open: (clock: () => number): LimitStore => new RedisLimitStore(scratch.connect(), { prefix: `${scratch.prefix}${++run}:`, clock }),
  },
];

const request = (tokens = 0, dollars = 0): Amounts => ({ requests: 1, tokens, dollars });
const nothing: Amounts = { requests: 0, tokens: 0, dollars: 0 };

describe.each(stores)("$name", ({ open }) => {
  let now: number;
  let store: LimitStore;

  beforeEach(() => {
    now = T0;
    store = open(() => now);
  });
  afterEach(() => store.close());

  /** What a counter has used in the current window, read through a reservation of nothing. */
  async function usedOf(counter: LimitCounter): Promise<number> {
    const result = await store.reserve([counter], nothing);
    return result.status[0]!.used;
  }

  it("admits requests up to the limit, then blocks until the window ends", async () => {
    const perMinute: LimitCounter = { key: "rule_rpm|user:alice", kind: "requests", max: 3, per: "minute" };
    for (let i = 1; i <= 3; i++) {
      const result = await store.reserve([perMinute], request());
      expect(result.ok).toBe(true);
      expect(result.status[0]).toMatchObject({ used: i, remaining: 3 - i, resetAt: T0 + 30_000 });
    }
    const blocked = await store.reserve([perMinute], request());
    expect(blocked).toMatchObject({ ok: false, retryAfterSeconds: 30, blockedBy: { counter: perMinute, used: 3, remaining: 0 } });

    now = T0 + 30_000;
    expect((await store.reserve([perMinute], request())).ok).toBe(true);
  });

  it("takes each kind's amount from counters of that kind", async () => {
    const counters: LimitCounter[] = [
      { key: "rule_a|org", kind: "requests", max: 10, per: "hour" },
      { key: "rule_a|org", kind: "tokens", max: 10_000, per: "hour" },
      { key: "rule_a|org", kind: "dollars", max: 1_000_000, per: "day" },
    ];
    const result = await store.reserve(counters, request(1_500, 7_000));
    expect(result.ok).toBe(true);
    expect(result.status.map((s) => s.used)).toEqual([1, 1_500, 7_000]);
    expect(result.status.map((s) => s.remaining)).toEqual([9, 8_500, 993_000]);
    expect(result.ok && result.reservation.entries).toEqual([
      { windowKey: expect.stringContaining("rule_a|org|requests|hour|"), kind: "requests", reserved: 1, windowEndsAt: T0 + 29 * MINUTE + 30_000 },
      { windowKey: expect.stringContaining("rule_a|org|tokens|hour|"), kind: "tokens", reserved: 1_500, windowEndsAt: T0 + 29 * MINUTE + 30_000 },
      { windowKey: expect.stringContaining("rule_a|org|dollars|day|"), kind: "dollars", reserved: 7_000, windowEndsAt: windowBounds("day", T0).end },
    ]);
  });

  it("increments no counter when any one of them is full", async () => {
    const requests: LimitCounter = { key: "rule_r|user:bob", kind: "requests", max: 10, per: "day" };
    const tokens: LimitCounter = { key: "rule_t|user:bob", kind: "tokens", max: 100, per: "day" };
    expect((await store.reserve([requests, tokens], request(90))).ok).toBe(true);

    const blocked = await store.reserve([requests, tokens], request(20));
    expect(blocked).toMatchObject({ ok: false, blockedBy: { counter: tokens, used: 90, remaining: 10 } });
    expect(await usedOf(requests)).toBe(1);
    expect(await usedOf(tokens)).toBe(90);
  });

  it("blocks a request larger than the limit itself, with retry-after at the window end", async () => {
    const tokens: LimitCounter = { key: "rule_small|user:carol", kind: "tokens", max: 100, per: "hour" };
    const blocked = await store.reserve([tokens], request(150));
    expect(blocked).toMatchObject({ ok: false, retryAfterSeconds: 29 * 60 + 30, blockedBy: { used: 0, remaining: 100 } });
    expect(await usedOf(tokens)).toBe(0);
  });

  it("reports the blocking window that ends last, since the request cannot pass before it rolls", async () => {
    const perMinute: LimitCounter = { key: "rule_rpm|user:dan", kind: "requests", max: 1, per: "minute" };
    const perDay: LimitCounter = { key: "rule_budget|user:dan", kind: "dollars", max: 10_000, per: "day" };
    expect((await store.reserve([perMinute, perDay], request(0, 7_000))).ok).toBe(true);
    const blocked = await store.reserve([perMinute, perDay], request(0, 7_000));
    expect(blocked).toMatchObject({ ok: false, blockedBy: { counter: perDay }, retryAfterSeconds: (windowBounds("day", T0).end - T0) / 1000 });
  });

  it("lets a spent monthly budget through again on the first of the next month, UTC", async () => {
    const monthly: LimitCounter = { key: "rule_month|team:ml", kind: "dollars", max: 5_000, per: "month" };
    expect((await store.reserve([monthly], request(0, 5_000))).ok).toBe(true);
    const { end } = windowBounds("month", T0);
    now = end - 1;
    expect(await store.reserve([monthly], request(0, 1))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    now = end;
    expect((await store.reserve([monthly], request(0, 5_000))).ok).toBe(true);
  });

  it("settles a reservation down and up to actual usage", async () => {
    const tokens: LimitCounter = { key: "rule_tpd|user:erin", kind: "tokens", max: 1_000, per: "day" };
    const first = await store.reserve([tokens], request(500));
    if (!first.ok) throw new Error("expected the first reservation to pass");
    await store.settle(first.reservation, request(200));
    expect(await usedOf(tokens)).toBe(200);

    const second = await store.reserve([tokens], request(300));
    if (!second.ok) throw new Error("expected the second reservation to pass");
    await store.settle(second.reservation, request(700));
    expect(await usedOf(tokens)).toBe(900);
  });

  it("applies a settle once, however often it is repeated", async () => {
    const dollars: LimitCounter = { key: "rule_budget|user:frank", kind: "dollars", max: 1_000_000, per: "day" };
    const result = await store.reserve([dollars], request(0, 7_000));
    if (!result.ok) throw new Error("expected the reservation to pass");
    await store.settle(result.reservation, request(0, 2_500));
    await store.settle(result.reservation, request(0, 2_500));
    await store.settle(result.reservation, request(0, 0));
    expect(await usedOf(dollars)).toBe(2_500);
  });

  it("leaves the next window alone when settling after the reserved window ended", async () => {
    const perMinute: LimitCounter = { key: "rule_tpm|user:gina", kind: "tokens", max: 1_000, per: "minute" };
    const old = await store.reserve([perMinute], request(800));
    if (!old.ok) throw new Error("expected the reservation to pass");
    now = T0 + MINUTE;
    expect((await store.reserve([perMinute], request(400))).ok).toBe(true);
    await store.settle(old.reservation, request(0));
    expect(await usedOf(perMinute)).toBe(400);
  });

  it("succeeds with no counters and reserves nothing", async () => {
    const result = await store.reserve([], request(1_000, 1_000));
    expect(result).toMatchObject({ ok: true, reservation: { entries: [] }, status: [] });
    if (result.ok) await store.settle(result.reservation, request(5));
  });

  it("counts one request once when two counters name the same key, kind and window", async () => {
    const loose: LimitCounter = { key: "rule_dup|user:hal", kind: "requests", max: 5, per: "hour" };
    const tight: LimitCounter = { ...loose, max: 2 };
    expect((await store.reserve([loose, tight], request())).status.map((s) => s.used)).toEqual([1, 1]);
    expect((await store.reserve([loose, tight], request())).ok).toBe(true);
    expect(await store.reserve([loose, tight], request())).toMatchObject({ ok: false, blockedBy: { counter: tight } });
  });

  it("keeps the counters of different scopes apart", async () => {
    const alice: LimitCounter = { key: "rule_rpm|user:alice", kind: "requests", max: 1, per: "minute" };
    const bob: LimitCounter = { ...alice, key: "rule_rpm|user:bob" };
    expect((await store.reserve([alice], request())).ok).toBe(true);
    expect((await store.reserve([bob], request())).ok).toBe(true);
    expect((await store.reserve([alice], request())).ok).toBe(false);
  });

  it("refuses fractional or negative amounts and limits instead of miscounting", async () => {
    const tokens: LimitCounter = { key: "rule_t|org", kind: "tokens", max: 100, per: "day" };
    await expect(store.reserve([tokens], request(1.5))).rejects.toThrow(RangeError);
    await expect(store.reserve([tokens], { requests: 1, tokens: 0, dollars: -1 })).rejects.toThrow(RangeError);
    await expect(store.reserve([{ ...tokens, max: Number.NaN }], request())).rejects.toThrow(RangeError);
    expect(await usedOf(tokens)).toBe(0);
  });

  it("refuses to be used once closed", async () => {
    await store.close();
    await expect(store.reserve([], request())).rejects.toThrow(/closed/);
  });
});
