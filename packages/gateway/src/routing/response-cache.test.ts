import { afterAll, describe, expect, it } from "vitest";
import { createScratchRedis } from "../limits/scratch-redis.js";
import { cacheKey } from "./cache-key.js";
import { RedisResponseCache } from "./redis-response-cache.js";
import { entryBytes, MemoryResponseCache } from "./response-cache.js";
import type { CachedResponse, ResponseCache } from "./response-cache-types.js";

const T0 = 1_900_000_000_000;

function answer(text: string, costMicroUsd: number | null = 120): CachedResponse {
  const body = JSON.stringify({ id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }] });
  return { status: 200, body, headers: { "content-type": "application/json" }, costMicroUsd, provider: "openai", model: "gpt-4o-mini", storedAt: T0 };
}

const scratch = createScratchRedis();
afterAll(() => scratch.drop());

const caches = [
  { name: "MemoryResponseCache", open: (clock: () => number): ResponseCache => new MemoryResponseCache({ clock }) },
  { name: "RedisResponseCache", open: (clock: () => number): ResponseCache => new RedisResponseCache(scratch.connect(), { prefix: `${scratch.prefix}cache:${Math.random()}:`, clock }) },
];

describe.each(caches)("$name", ({ open }) => {
  const key = cacheKey({ orgId: "org_1", endpoint: "chat.completions", body: { model: "@vk/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] } });

  it("answers a stored response with its age and the cost it saved, and counts hits and misses", async () => {
    let now = T0;
    const cache = open(() => now);
    expect(await cache.get(key)).toBeUndefined();
    expect(await cache.set(key, answer("Hello!"), 60)).toBe(true);
    now = T0 + 1_500;
    expect(await cache.get(key)).toEqual({ entry: answer("Hello!"), ageMs: 1_500, savedMicroUsd: 120 });
    await cache.set(key, answer("Unpriced", null), 60);
    expect((await cache.get(key))?.savedMicroUsd).toBeNull();
    expect(cache.counters()).toEqual({ hits: 2, misses: 1, savedMicroUsd: 120, stores: 2, rejected: 0 });
  });

  it("keeps entries of different keys apart, and forgets a deleted one", async () => {
    const cache = open(() => T0);
    const other = cacheKey({ orgId: "org_2", endpoint: "chat.completions", body: { model: "@vk/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] } });
    await cache.set(key, answer("for org 1"), 60);
    expect(await cache.get(other)).toBeUndefined();
    await cache.delete(key);
    expect(await cache.get(key)).toBeUndefined();
  });

  it("refuses a TTL that is not a positive whole number of seconds", async () => {
    const cache = open(() => T0);
    await expect(cache.set(key, answer("x"), 0)).rejects.toThrow(RangeError);
    await expect(cache.set(key, answer("x"), 1.5)).rejects.toThrow(RangeError);
  });
});

describe("the memory response cache", () => {
  it("ends each entry at its own TTL", async () => {
    let now = T0;
    const cache = new MemoryResponseCache({ clock: () => now });
    await cache.set("short", answer("a"), 10);
    await cache.set("long", answer("b"), 60);
    now = T0 + 9_999;
    expect(await cache.get("short")).toBeDefined();
    now = T0 + 10_000;
    expect(await cache.get("short")).toBeUndefined();
    expect(await cache.get("long")).toBeDefined();
    expect(cache.size).toBe(1);
  });

  it("evicts least recently used entries to stay within its byte bound", async () => {
    const one = entryBytes("k1", answer("x".repeat(1_000)));
    const cache = new MemoryResponseCache({ maxBytes: 3 * one, clock: () => T0 });
    for (const k of ["k1", "k2", "k3"]) await cache.set(k, answer("x".repeat(1_000)), 60);
    expect(cache.bytes).toBe(3 * one);
    await cache.get("k1"); // k2 is now the least recently used
    await cache.set("k4", answer("x".repeat(1_000)), 60);
    expect(await cache.get("k2")).toBeUndefined();
    expect([await cache.get("k1"), await cache.get("k3"), await cache.get("k4")].every(Boolean)).toBe(true);
    expect(cache.bytes).toBeLessThanOrEqual(3 * one);
  });

  it("evicts as many entries as a large newcomer needs", async () => {
    const small = entryBytes("s1", answer("s"));
    const cache = new MemoryResponseCache({ maxBytes: 10 * small, clock: () => T0 });
    for (let i = 0; i < 10; i++) await cache.set(`s${i}`, answer("s"), 60);
    const big = answer("b".repeat(4 * small));
    await cache.set("big", big, 60);
    expect(cache.bytes).toBeLessThanOrEqual(10 * small);
    expect(await cache.get("big")).toBeDefined();
    expect(await cache.get("s0")).toBeUndefined();
    expect(await cache.get("s9")).toBeDefined();
  });

  it("does not store an entry larger than the per-entry bound, and counts the refusal", async () => {
    const cache = new MemoryResponseCache({ maxBytes: 100_000, maxEntryBytes: 2_000, clock: () => T0 });
    await cache.set("keep", answer("small"), 60);
    expect(await cache.set("huge", answer("x".repeat(5_000)), 60)).toBe(false);
    expect(await cache.get("huge")).toBeUndefined();
    expect(await cache.get("keep")).toBeDefined();
    expect(cache.counters()).toMatchObject({ stores: 1, rejected: 1 });
  });

  it("replaces an entry under the same key without counting its bytes twice", async () => {
    const cache = new MemoryResponseCache({ clock: () => T0 });
    await cache.set("k", answer("first"), 60);
    await cache.set("k", answer("second"), 60);
    expect(cache.bytes).toBe(entryBytes("k", answer("second")));
    expect((await cache.get("k"))?.entry.body).toContain("second");
  });

  it("counts multi-byte text by its UTF-8 size", () => {
    expect(entryBytes("k", answer("é".repeat(100))) - entryBytes("k", answer("e".repeat(100)))).toBe(100);
  });
});

describe("the Redis response cache", () => {
  it("stores one string per entry that Redis itself expires", async () => {
    const client = scratch.connect();
    const prefix = `${scratch.prefix}layout:`;
    const cache = new RedisResponseCache(client, { prefix });
    await cache.set("abc", answer("hi"), 1);
    expect(JSON.parse((await client.get(`${prefix}abc`))!)).toEqual(answer("hi"));
    expect(await client.pttl(`${prefix}abc`)).toBeGreaterThan(500);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await cache.get("abc")).toBeUndefined();
  });

  it("shares entries between instances and treats an unreadable entry as a miss", async () => {
    const prefix = `${scratch.prefix}shared:`;
    const one = new RedisResponseCache(scratch.connect(), { prefix });
    const two = new RedisResponseCache(scratch.connect(), { prefix });
    await one.set("k", answer("shared"), 60);
    expect((await two.get("k"))?.entry.body).toContain("shared");
    await scratch.connect().set(`${prefix}broken`, "{not json", "EX", 60);
    expect(await two.get("broken")).toBeUndefined();
  });

  it("does not store an entry over the per-entry bound", async () => {
    const cache = new RedisResponseCache(scratch.connect(), { prefix: `${scratch.prefix}big:`, maxEntryBytes: 1_000 });
    expect(await cache.set("k", answer("x".repeat(2_000)), 60)).toBe(false);
    expect(await cache.get("k")).toBeUndefined();
  });
});
