import { afterAll, describe, expect, it } from "vitest";
import { RedisLimitStore } from "./redis-limit-store.js";
import { createScratchRedis } from "./scratch-redis.js";
import type { Amounts, LimitCounter } from "./types.js";
import { windowBounds } from "./window-bounds.js";

const scratch = createScratchRedis();
afterAll(() => scratch.drop());

const request = (tokens = 0): Amounts => ({ requests: 1, tokens, dollars: 0 });
const tokensPerHour: LimitCounter = { key: "rule_tph|user:alice", kind: "tokens", max: 1_000, per: "hour" };

describe("the Redis limit store", () => {
  it("answers a reservation with no counters without a round trip to Redis", async () => {
    const client = scratch.connect();
    await client.quit();
    const store = new RedisLimitStore(client, { prefix: scratch.prefix });
    expect(await store.reserve([], request())).toMatchObject({ ok: true, status: [] });
  });

  it("keeps one readable key per counter window, expiring a margin after the window ends", async () => {
    const client = scratch.connect();
    const prefix = `${scratch.prefix}layout:`;
    const now = Date.now();
    await new RedisLimitStore(client, { prefix }).reserve([tokensPerHour], request(40), now);

    const label = new Date(windowBounds("hour", now).start).toISOString().slice(0, 13);
    const key = `${prefix}count:rule_tph|user:alice|tokens|hour|${label}`;
    expect(await client.keys(`${prefix}*`)).toEqual([key]);
    expect(await client.get(key)).toBe("40");
    const expected = windowBounds("hour", now).end + 5 * 60_000 - Date.now();
    expect(Math.abs((await client.pttl(key)) - expected)).toBeLessThan(2_000);
  });

  it("does not recreate a counter that expired before the settle arrived", async () => {
    const client = scratch.connect();
    const prefix = `${scratch.prefix}expired:`;
    const store = new RedisLimitStore(client, { prefix });
    const result = await store.reserve([tokensPerHour], request(500));
    if (!result.ok) throw new Error("expected the reservation to pass");
    const [key] = await client.keys(`${prefix}count:*`);
    await client.del(key!);

    await store.settle(result.reservation, request(900));
    expect(await client.exists(key!)).toBe(0);
    // The settle itself is still recorded, so a retry cannot apply it later.
    expect(await client.pttl(`${prefix}settled:${result.reservation.id}`)).toBeGreaterThan(0);
  });

  it("keeps working after Redis has forgotten its scripts", async () => {
    const client = scratch.connect();
    const store = new RedisLimitStore(client, { prefix: `${scratch.prefix}noscript:` });
    const first = await store.reserve([tokensPerHour], request(10));
    await client.script("FLUSH");
    const second = await store.reserve([tokensPerHour], request(10));
    expect(first.ok && second.ok).toBe(true);
    expect(second.status[0]!.used).toBe(20);
    if (second.ok) await store.settle(second.reservation, request(0));
    expect((await store.reserve([tokensPerHour], request(0))).status[0]!.used).toBe(10);
  });

  it("lets stores on separate connections share counters through the prefix", async () => {
    const prefix = `${scratch.prefix}shared:`;
    const one = new RedisLimitStore(scratch.connect(), { prefix });
    const two = new RedisLimitStore(scratch.connect(), { prefix });
    const perMinute: LimitCounter = { key: "rule_rpm|org", kind: "requests", max: 1, per: "minute" };
    expect((await one.reserve([perMinute], request())).ok).toBe(true);
    expect((await two.reserve([perMinute], request())).ok).toBe(false);
  });
});
