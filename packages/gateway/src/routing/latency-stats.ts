/** Weight of the newest sample in the moving average: recent enough to notice a slowdown within a few calls. */
const ALPHA = 0.2;

interface Entry {
  averageMs: number;
  lastAt: number;
}

/**
 * Recent latency per target (time to first byte is the useful figure), as an exponentially weighted
 * moving average. Kept per process: each instance ranks by what it has seen itself. An average with no
 * sample for `staleAfterMs` is forgotten, so a target that was slow once gets measured again.
 */
export class LatencyStats {
  readonly #entries = new Map<string, Entry>();
  readonly #staleAfterMs: number;
  readonly #maxTargets: number;
  readonly #clock: () => number;

  constructor(options: { staleAfterMs?: number; maxTargets?: number; clock?: () => number } = {}) {
    this.#staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
    this.#maxTargets = options.maxTargets ?? 10_000;
    this.#clock = options.clock ?? Date.now;
  }

  record(key: string, latencyMs: number, now = this.#clock()): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    const previous = this.#fresh(key, now);
    const averageMs = previous === undefined ? latencyMs : previous + ALPHA * (latencyMs - previous);
    // Re-inserting keeps the map in least-recently-updated order, so the oldest goes first when full.
    this.#entries.delete(key);
    this.#entries.set(key, { averageMs, lastAt: now });
    if (this.#entries.size > this.#maxTargets) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** The average in ms, or undefined when there is no recent sample. */
  get(key: string, now = this.#clock()): number | undefined {
    return this.#fresh(key, now);
  }

  #fresh(key: string, now: number): number | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now - entry.lastAt > this.#staleAfterMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.averageMs;
  }
}
