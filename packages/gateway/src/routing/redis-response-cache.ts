import type { Redis } from "ioredis";
import { assertTtl, CacheCounting, type CacheCounters, type CachedResponse, type CacheHit, type ResponseCache } from "./response-cache-types.js";

/**
 * The response cache shared through Redis: one string per entry, expiring with its TTL. The total size is
 * bounded by the server's own `maxmemory` and eviction policy (allkeys-lru fits), not by this class;
 * entries over `maxEntryBytes` are not stored. An entry that no longer parses counts as a miss.
 */
export class RedisResponseCache implements ResponseCache {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #maxEntryBytes: number;
  readonly #clock: () => number;
  readonly #counting = new CacheCounting();

  constructor(redis: Redis, options: { prefix?: string; maxEntryBytes?: number; clock?: () => number } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? "igris:cache:";
    this.#maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
    this.#clock = options.clock ?? Date.now;
  }

  async get(key: string, now = this.#clock()): Promise<CacheHit | undefined> {
    const text = await this.#redis.get(this.#prefix + key);
    if (text === null) return this.#counting.miss();
    const entry = parseEntry(text);
    return entry ? this.#counting.hit(entry, now) : this.#counting.miss();
  }

  async set(key: string, entry: CachedResponse, ttlSeconds: number): Promise<boolean> {
    assertTtl(ttlSeconds);
    const text = JSON.stringify(entry);
    if (Buffer.byteLength(text) > this.#maxEntryBytes) return this.#counting.stored(false);
    await this.#redis.set(this.#prefix + key, text, "EX", ttlSeconds);
    return this.#counting.stored(true);
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }

  counters(): CacheCounters {
    return this.#counting.snapshot();
  }

  async close(): Promise<void> {}
}

function parseEntry(text: string): CachedResponse | undefined {
  try {
    const value = JSON.parse(text) as CachedResponse;
    return typeof value?.body === "string" && typeof value.status === "number" && typeof value.storedAt === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}
