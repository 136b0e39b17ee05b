import { amountFor, assertAmounts, fitsAll, planReservation, reservationOutcome } from "./plan-reservation.js";
import type { Amounts, LimitCounter, LimitStore, Reservation, ReserveResult } from "./types.js";

/** Ended windows are dropped at most this often, on access: memory stays bounded without a timer. */
const SWEEP_INTERVAL_MS = 5_000;

/**
 * Limits for a single gateway process. Each call runs to completion without awaiting, so the check
 * and the increments of one reservation can never interleave with another's.
 */
export class MemoryLimitStore implements LimitStore {
  readonly #clock: () => number;
  readonly #windows = new Map<string, { used: number; endsAt: number }>();
  /** Settled reservation ids, each kept until its last window ends (after that a settle changes nothing anyway). */
  readonly #settled = new Map<string, number>();
  #nextSweepAt = 0;
  #closed = false;

  constructor(options: { clock?: () => number } = {}) {
    this.#clock = options.clock ?? Date.now;
  }

  /** How many counter windows are held in memory. */
  get windowCount(): number {
    return this.#windows.size;
  }

  async reserve(counters: LimitCounter[], amounts: Amounts, now = this.#clock()): Promise<ReserveResult> {
    this.#assertOpen();
    const plan = planReservation(counters, amounts, now);
    if (plan.windows.length === 0) return reservationOutcome(plan, [], true);
    this.#sweep(now);
    const before = plan.windows.map((w) => this.#windows.get(w.windowKey)?.used ?? 0);
    if (!fitsAll(plan, before)) return reservationOutcome(plan, before, false);
    const after = plan.windows.map((w) => {
      const window = this.#windows.get(w.windowKey);
      if (window) return (window.used += w.amount);
      this.#windows.set(w.windowKey, { used: w.amount, endsAt: w.windowEndsAt });
      return w.amount;
    });
    return reservationOutcome(plan, after, true);
  }

  async settle(reservation: Reservation, actual: Amounts, now = this.#clock()): Promise<void> {
    this.#assertOpen();
    assertAmounts(actual);
    const live = reservation.entries.filter((e) => e.windowEndsAt > now);
    if (live.length === 0) return;
    this.#sweep(now);
    if (this.#settled.has(reservation.id)) return;
    this.#settled.set(reservation.id, Math.max(...live.map((e) => e.windowEndsAt)));
    for (const entry of live) {
      // A window missing here was never reserved in this store; settling must not create it.
      const window = this.#windows.get(entry.windowKey);
      if (window) window.used += amountFor(entry.kind, actual) - entry.reserved;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#windows.clear();
    this.#settled.clear();
  }

  #sweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key);
    for (const [id, forgetAt] of this.#settled) if (forgetAt <= now) this.#settled.delete(id);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("The limit store is closed.");
  }
}
