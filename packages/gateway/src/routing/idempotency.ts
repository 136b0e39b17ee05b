import { randomBytes } from "node:crypto";
import {
  type BeginResult,
  DEFAULT_PENDING_TTL_MS,
  DEFAULT_RESULT_TTL_MS,
  type IdempotencyOptions,
  type IdempotencyStore,
  type StoredResult,
} from "./idempotency-types.js";
import type { Scheduler } from "./timeouts.js";

interface Entry {
  fingerprint: string;
  token: string | null;
  result: StoredResult | null;
  expiresAt: number;
}

const REAL_SCHEDULER: Scheduler = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

/**
 * Idempotency for one process. Waiters are woken the moment the running request completes or fails,
 * with no polling.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #pendingTtlMs: number;
  readonly #resultTtlMs: number;
  readonly #clock: () => number;
  readonly #scheduler: Scheduler;
  #nextSweepAt = 0;

  constructor(options: IdempotencyOptions = {}) {
    this.#pendingTtlMs = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
    this.#resultTtlMs = options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
    this.#clock = options.clock ?? Date.now;
    this.#scheduler = options.scheduler ?? REAL_SCHEDULER;
  }

  async begin(key: string, fingerprint: string, now = this.#clock()): Promise<BeginResult> {
    this.#sweep(now);
    const entry = this.#live(key, now);
    if (!entry) {
      const token = randomBytes(12).toString("hex");
      this.#entries.set(key, { fingerprint, token, result: null, expiresAt: now + this.#pendingTtlMs });
      return { state: "new", token };
    }
    if (entry.fingerprint !== fingerprint) return { state: "mismatch" };
    return entry.result ? { state: "done", result: entry.result } : { state: "in_flight" };
  }

  async complete(key: string, token: string, result: StoredResult, now = this.#clock()): Promise<boolean> {
    const entry = this.#live(key, now);
    if (!entry || entry.token !== token) return false;
    Object.assign(entry, { token: null, result, expiresAt: now + this.#resultTtlMs });
    this.#wake(key);
    return true;
  }

  async fail(key: string, token: string): Promise<void> {
    if (this.#entries.get(key)?.token !== token) return;
    this.#entries.delete(key);
    this.#wake(key);
  }

  async wait(key: string, fingerprint: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BeginResult> {
    const deadline = this.#clock() + options.timeoutMs;
    for (;;) {
      const result = await this.begin(key, fingerprint);
      if (result.state !== "in_flight") return result;
      const left = deadline - this.#clock();
      if (left <= 0 || options.signal?.aborted) return result;
      // The pending entry's own expiry wakes us too, so a crashed first request does not strand waiters.
      const expiresIn = (this.#entries.get(key)?.expiresAt ?? 0) - this.#clock();
      await this.#sleepUntilWoken(key, Math.max(1, Math.min(left, expiresIn)), options.signal);
    }
  }

  async close(): Promise<void> {
    this.#entries.clear();
    for (const key of [...this.#waiters.keys()]) this.#wake(key);
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && now >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sleepUntilWoken(key: string, ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(key) ?? new Set();
      this.#waiters.set(key, waiters);
      const done = () => {
        this.#scheduler.clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = this.#scheduler.setTimeout(done, ms);
      waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  #wake(key: string): void {
    for (const waiter of [...(this.#waiters.get(key) ?? [])]) waiter();
  }

  #sweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + 5_000;
    for (const [key, entry] of this.#entries) if (now >= entry.expiresAt) this.#entries.delete(key);
  }
}
