/** A stored answer: the non-streamed JSON body as the client got it, and what producing it cost. */
export interface CachedResponse {
  status: number;
  /** The response body text (JSON). A streamed request that hits is answered by replaying this as chunks. */
  body: string;
  /** Headers worth replaying, e.g. content-type; never credentials. */
  headers: Record<string, string>;
  /** The original call's cost in micro-USD, or null when its price was unknown. */
  costMicroUsd: number | null;
  provider: string | null;
  model: string | null;
  /** Epoch ms it was stored. */
  storedAt: number;
}

export interface CacheHit {
  entry: CachedResponse;
  ageMs: number;
  /** What the hit saved: the original call's cost (null when that was unknown). */
  savedMicroUsd: number | null;
}

export interface CacheCounters {
  hits: number;
  misses: number;
  /** Sum of savedMicroUsd over hits whose cost was known. */
  savedMicroUsd: number;
  stores: number;
  /** Entries refused for being larger than the per-entry bound. */
  rejected: number;
}

/** Exact-match response cache keyed by `cacheKey(...)`; the memory and Redis variants share this shape. */
export interface ResponseCache {
  get(key: string, now?: number): Promise<CacheHit | undefined>;
  /** Stores for ttlSeconds; false when the entry is too large to keep. */
  set(key: string, entry: CachedResponse, ttlSeconds: number, now?: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** This process's counters since it started. */
  counters(): CacheCounters;
  close(): Promise<void>;
}

/** Counting shared by both variants. */
export class CacheCounting {
  readonly #counters: CacheCounters = { hits: 0, misses: 0, savedMicroUsd: 0, stores: 0, rejected: 0 };

  hit(entry: CachedResponse, now: number): CacheHit {
    this.#counters.hits++;
    if (entry.costMicroUsd !== null) this.#counters.savedMicroUsd += entry.costMicroUsd;
    return { entry, ageMs: Math.max(0, now - entry.storedAt), savedMicroUsd: entry.costMicroUsd };
  }

  miss(): undefined {
    this.#counters.misses++;
    return undefined;
  }

  stored(ok: boolean): boolean {
    if (ok) this.#counters.stores++;
    else this.#counters.rejected++;
    return ok;
  }

  snapshot(): CacheCounters {
    return { ...this.#counters };
  }
}

export function assertTtl(ttlSeconds: number): void {
  if (!(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) throw new RangeError("cache ttlSeconds must be a positive integer");
}
