import { afterAll, describe, expect, it } from "vitest";
import { MemoryLimitStore } from "./memory-limit-store.js";
import { RedisLimitStore } from "./redis-limit-store.js";
import { createScratchRedis } from "./scratch-redis.js";
import type { Amounts, LimitCounter, LimitStore, Reservation } from "./types.js";
import { windowBounds } from "./window-bounds.js";

// Ahead of the real clock (Redis expires keys by its own): noon on the 15th of next month, UTC.
const NOW = windowBounds("month", Date.now()).end + 14 * 86_400_000 + 12 * 3_600_000;
const CALLS = 200;
const COST = 7_000;
const nothing: Amounts = { requests: 0, tokens: 0, dollars: 0 };

const scratch = createScratchRedis();
afterAll(() => scratch.drop());
let run = 0;

/** Several stores over one set of counters: for Redis, separate connections, so calls interleave at the server. */
const fleets = [
  { name: "one in-memory store", open: (): LimitStore[] => [new MemoryLimitStore()] },
  {
    name: "8 Redis connections",
    open: (): LimitStore[] => {
      const prefix = `${scratch.prefix}${++run}:`;
      return Array.from({ length: 8 }, () => new RedisLimitStore(scratch.connect(), { prefix }));
    },
  },
];

describe.each(fleets)("limits under concurrent load, $name", ({ open }) => {
  const usedOf = async (store: LimitStore, counter: LimitCounter) => (await store.reserve([counter], nothing, NOW)).status[0]!.used;

  /** Fires every call at once, spread round-robin over the stores. */
  function burst(stores: LimitStore[], counters: (i: number) => LimitCounter[], amounts: Amounts) {
    return Promise.all(Array.from({ length: CALLS }, (_, i) => stores[i % stores.length]!.reserve(counters(i), amounts, NOW)));
  }

  it("admits exactly 100 of 200 simultaneous requests against a 100-request limit", async () => {
    const stores = open();
    const limit: LimitCounter = { key: "rule_rpd|org", kind: "requests", max: 100, per: "day" };
    const results = await burst(stores, () => [limit], { requests: 1, tokens: 0, dollars: 0 });
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(Math.max(...results.map((r) => r.status[0]!.used))).toBe(100);
    expect(await usedOf(stores[0]!, limit)).toBe(100);
  });

  it("never spends a $1 daily budget past its max, settled or not", async () => {
    const stores = open();
    const budget: LimitCounter = { key: "rule_budget|user:alice", kind: "dollars", max: 1_000_000, per: "day" };
    const spend = { requests: 1, tokens: 0, dollars: COST };

    const first = await burst(stores, () => [budget], spend);
    const admitted = first.flatMap((r) => (r.ok ? [r.reservation] : []));
    expect(admitted).toHaveLength(Math.floor(1_000_000 / COST));
    for (const r of first) expect(r.status[0]!.used).toBeLessThanOrEqual(budget.max);
    expect(await usedOf(stores[0]!, budget)).toBe(142 * COST);

    // Settling to what the calls really cost frees budget while a second wave races for it.
    const actuals = admitted.map(() => Math.floor(Math.random() * (COST + 1)));
    const settles = admitted.map((reservation: Reservation, i) =>
      stores[i % stores.length]!.settle(reservation, { ...spend, dollars: actuals[i]! }, NOW),
    );
    const [second] = await Promise.all([burst(stores, () => [budget], spend), Promise.all(settles)]);
    for (const r of second) expect(r.status[0]!.used).toBeLessThanOrEqual(budget.max + COST);

    const used = await usedOf(stores[0]!, budget);
    const secondAdmitted = second.filter((r) => r.ok).length;
    expect(used).toBe(actuals.reduce((a, b) => a + b, 0) + secondAdmitted * COST);
    expect(used).toBeLessThanOrEqual(budget.max + COST);
  });

  it("increments nothing for the requests it refuses, when counters overlap", async () => {
    const stores = open();
    const org: LimitCounter = { key: "rule_org|org", kind: "requests", max: 100, per: "day" };
    const user = (u: number): LimitCounter => ({ key: `rule_user|user:u${u}`, kind: "requests", max: 30, per: "day" });
    const results = await burst(stores, (i) => [org, user(i % 5)], { requests: 1, tokens: 0, dollars: 0 });

    expect(results.filter((r) => r.ok)).toHaveLength(100);
    let total = 0;
    for (let u = 0; u < 5; u++) {
      const admitted = results.filter((r, i) => r.ok && i % 5 === u).length;
      expect(admitted).toBeLessThanOrEqual(30);
      expect(await usedOf(stores[0]!, user(u))).toBe(admitted);
      total += admitted;
    }
    expect(await usedOf(stores[0]!, org)).toBe(total);
  });
});
