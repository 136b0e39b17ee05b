import { assertTtl, CacheCounting, type CacheCounters, type CachedResponse, type CacheHit, type ResponseCache } from "./response-cache-types.js";

/** Map and object bookkeeping per entry, on top of the key and body bytes. */
const ENTRY_OVERHEAD_BYTES = 200;

interface Slot {
  entry: CachedResponse;
  bytes: number;
  expiresAt: number;
}

/** Roughly what an entry holds in memory: its strings as UTF-8, plus fixed overhead. */
export function entryBytes(key: string, entry: CachedResponse): number {
  let bytes = ENTRY_OVERHEAD_BYTES + Buffer.byteLength(key) + Buffer.byteLength(entry.body);
  for (const [name, value] of Object.entries(entry.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes + Buffer.byteLength(entry.provider ?? "") + Buffer.byteLength(entry.model ?? "");
}

/**
 * The response cache for one process: least recently used entries go first once the total passes
 * `maxBytes`; an entry also ends at its own TTL. An entry larger than `maxEntryBytes` is not stored.
 */
export class MemoryResponseCache implements ResponseCache {
  readonly #slots = new Map<string, Slot>();
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  readonly #clock: () => number;
  readonly #counting = new CacheCounting();
  #bytes = 0;

  constructor(options: { maxBytes?: number; maxEntryBytes?: number; clock?: () => number } = {}) {
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#maxEntryBytes = Math.min(options.maxEntryBytes ?? 4 * 1024 * 1024, this.#maxBytes);
    this.#clock = options.clock ?? Date.now;
  }

  /** Bytes held now (the bound is on this figure). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#slots.size;
  }

  async get(key: string, now = this.#clock()): Promise<CacheHit | undefined> {
    const slot = this.#slots.get(key);
    if (!slot) return this.#counting.miss();
    this.#remove(key, slot);
    if (now >= slot.expiresAt) return this.#counting.miss();
    // Re-inserting moves the entry to the recently used end of the map's order.
    this.#slots.set(key, slot);
    this.#bytes += slot.bytes;
    return this.#counting.hit(slot.entry, now);
  }

  async set(key: string, entry: CachedResponse, ttlSeconds: number, now = this.#clock()): Promise<boolean> {
    assertTtl(ttlSeconds);
    const bytes = entryBytes(key, entry);
    const existing = this.#slots.get(key);
    if (existing) this.#remove(key, existing);
    if (bytes > this.#maxEntryBytes) return this.#counting.stored(false);
    for (const [oldest, slot] of this.#slots) {
      if (this.#bytes + bytes <= this.#maxBytes) break;
      this.#remove(oldest, slot);
    }
    this.#slots.set(key, { entry, bytes, expiresAt: now + ttlSeconds * 1000 });
    this.#bytes += bytes;
    return this.#counting.stored(true);
  }

  async delete(key: string): Promise<void> {
    const slot = this.#slots.get(key);
    if (slot) this.#remove(key, slot);
  }

  counters(): CacheCounters {
    return this.#counting.snapshot();
  }

  async close(): Promise<void> {
    this.#slots.clear();
    this.#bytes = 0;
  }

  #remove(key: string, slot: Slot): void {
    this.#slots.delete(key);
    this.#bytes -= slot.bytes;
  }
}
