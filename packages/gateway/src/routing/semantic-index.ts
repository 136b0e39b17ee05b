/**
 * The semantic cache's index: for each partition (organisation, route and the targets a caller may
 * use), the prompt embeddings of cached answers and the exact cache key each answer is stored under.
 * A lookup returns the most similar stored prompt at or above a threshold. Vectors are stored
 * normalised, so cosine similarity is a dot product.
 */
export interface SemanticMatch {
  key: string;
  similarity: number;
}

export interface SemanticIndex {
  add(partition: string, vector: Float32Array, key: string, ttlSeconds: number, now?: number): Promise<void>;
  nearest(partition: string, vector: Float32Array, threshold: number, now?: number): Promise<SemanticMatch | undefined>;
  /** Forgets an entry whose answer the cache no longer has. */
  remove(partition: string, key: string): Promise<void>;
  close(): Promise<void>;
}

/** The unit vector of `values` (a zero vector stays zero and matches nothing). */
export function normalise(values: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(values.length);
  if (norm > 0) for (let i = 0; i < values.length; i++) out[i] = values[i]! / norm;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -1;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

interface Entry {
  key: string;
  vector: Float32Array;
  expiresAt: number;
}

/** In-process index: at most `maxEntries` per partition, the oldest forgotten first. */
export class MemorySemanticIndex implements SemanticIndex {
  readonly #partitions = new Map<string, Entry[]>();

  constructor(
    private readonly maxEntries = 2_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async add(partition: string, vector: Float32Array, key: string, ttlSeconds: number, now = this.clock()): Promise<void> {
    const entries = (this.#partitions.get(partition) ?? []).filter((e) => e.key !== key && e.expiresAt > now);
    entries.push({ key, vector: normalise(vector), expiresAt: now + ttlSeconds * 1000 });
    if (entries.length > this.maxEntries) entries.splice(0, entries.length - this.maxEntries);
    this.#partitions.set(partition, entries);
  }

  async nearest(partition: string, vector: Float32Array, threshold: number, now = this.clock()): Promise<SemanticMatch | undefined> {
    return best(this.#partitions.get(partition) ?? [], normalise(vector), threshold, now);
  }

  async remove(partition: string, key: string): Promise<void> {
    const entries = this.#partitions.get(partition);
    if (entries) this.#partitions.set(partition, entries.filter((e) => e.key !== key));
  }

  async close(): Promise<void> {
    this.#partitions.clear();
  }
}

export function best(entries: readonly Entry[], query: Float32Array, threshold: number, now: number): SemanticMatch | undefined {
  let found: SemanticMatch | undefined;
  for (const e of entries) {
    if (e.expiresAt <= now) continue;
    const similarity = cosine(query, e.vector);
    if (similarity >= threshold && (!found || similarity > found.similarity)) found = { key: e.key, similarity };
  }
  return found;
}
