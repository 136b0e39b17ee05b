import { newId } from "../lib/ids.js";
import type { Amounts, CounterStatus, LimitCounter, LimitKind, ReserveResult } from "./types.js";
import { windowBounds, windowLabel } from "./window-bounds.js";

/** One counter in one window, as both stores check and increment it. */
export interface PlannedWindow {
  windowKey: string;
  kind: LimitKind;
  max: number;
  amount: number;
  windowEndsAt: number;
}

export interface ReservationPlan {
  counters: LimitCounter[];
  windows: PlannedWindow[];
  /** For each counter, the index of its window in `windows`. */
  windowOf: number[];
  now: number;
}

export function amountFor(kind: LimitKind, amounts: Amounts): number {
  return amounts[kind];
}

/**
 * Resolves counters to the windows current at `now`. Two counters naming the same key, kind and window
 * are one counter: counting the request twice would spend the budget twice, so they share a window and
 * the smaller max applies.
 */
export function planReservation(counters: LimitCounter[], amounts: Amounts, now: number): ReservationPlan {
  assertAmounts(amounts);
  const windows: PlannedWindow[] = [];
  const indexByKey = new Map<string, number>();
  const windowOf = counters.map((counter) => {
    assertCount(counter.max, `max of limit "${counter.key}"`);
    const { start, end } = windowBounds(counter.per, now);
    const windowKey = `${counter.key}|${counter.kind}|${counter.per}|${windowLabel(counter.per, start)}`;
    const existing = indexByKey.get(windowKey);
    if (existing !== undefined) {
      const window = windows[existing]!;
      window.max = Math.min(window.max, counter.max);
      return existing;
    }
    indexByKey.set(windowKey, windows.length);
    windows.push({ windowKey, kind: counter.kind, max: counter.max, amount: amountFor(counter.kind, amounts), windowEndsAt: end });
    return windows.length - 1;
  });
  return { counters, windows, windowOf, now };
}

/** Whether every window has room, given what each has used so far. */
export function fitsAll(plan: ReservationPlan, used: readonly number[]): boolean {
  return plan.windows.every((window, i) => (used[i] ?? 0) + window.amount <= window.max);
}

/**
 * Builds the result both stores return. `used` is per window: after the increment when `ok`, before it
 * (untouched) when not. A blocked reservation reports the blocking window that ends last, because the
 * request cannot pass before every blocking window has rolled over. A single request larger than a
 * limit's max is blocked the same way, with the same retry-after: the window end is the earliest
 * moment anything changes, even if a request that large will never fit.
 */
export function reservationOutcome(plan: ReservationPlan, used: readonly number[], ok: boolean): ReserveResult {
  const status = plan.counters.map((counter, i): CounterStatus => {
    const window = plan.windows[plan.windowOf[i]!]!;
    const counted = used[plan.windowOf[i]!] ?? 0;
    return { counter, used: counted, remaining: Math.max(0, counter.max - counted), resetAt: window.windowEndsAt };
  });
  if (ok) {
    const entries = plan.windows.map(({ windowKey, kind, amount, windowEndsAt }) => ({ windowKey, kind, reserved: amount, windowEndsAt }));
    return { ok: true, reservation: { id: newId("rsv", plan.now), entries }, status };
  }
  let blocking = -1;
  plan.windows.forEach((window, i) => {
    const full = (used[i] ?? 0) + window.amount > window.max;
    if (full && (blocking < 0 || window.windowEndsAt > plan.windows[blocking]!.windowEndsAt)) blocking = i;
  });
  if (blocking < 0) throw new Error("A reservation was refused although every limit has room.");
  const window = plan.windows[blocking]!;
  // The counter that set the window's max is the one that blocked.
  const blockedBy = status.find((s, i) => plan.windowOf[i] === blocking && s.counter.max === window.max)!;
  return { ok: false, blockedBy, retryAfterSeconds: secondsUntil(window.windowEndsAt, plan.now), status };
}

/** Whole seconds until `at`, rounded up and at least 1, so a client that waits that long finds the window rolled. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

export function assertAmounts(amounts: Amounts): void {
  assertCount(amounts.requests, "requests amount");
  assertCount(amounts.tokens, "tokens amount");
  assertCount(amounts.dollars, "dollars amount (micro-USD)");
}

// Counters are exact integers; a fraction or NaN here would silently corrupt a budget.
function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`The ${what} must be a non-negative integer, got ${value}.`);
}
