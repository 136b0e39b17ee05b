/** "lifetime" never resets: it backs each API key's own spend cap. */
export type LimitWindow = "minute" | "hour" | "day" | "month" | "lifetime";

/** Dollars are integer micro-USD everywhere, so every counter is exact integer arithmetic. */
export type LimitKind = "requests" | "tokens" | "dollars";

export interface LimitCounter {
  /** Identifies the rule and the scope value, e.g. "rule_budget|user:alice"; the store adds the kind and the window. */
  key: string;
  kind: LimitKind;
  /** Integer: requests, tokens, or micro-USD. */
  max: number;
  per: LimitWindow;
}

export interface Amounts {
  requests: number;
  tokens: number;
  /** Micro-USD. */
  dollars: number;
}

export interface CounterStatus {
  counter: LimitCounter;
  used: number;
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
}

export interface ReservationEntry {
  /** The counter's key, kind and window start, e.g. "rule_budget|user:alice|dollars|day|2025-01-02". */
  windowKey: string;
  kind: LimitKind;
  reserved: number;
  windowEndsAt: number;
}

export interface Reservation {
  id: string;
  /** What was taken, per counter and window, so settling touches exactly the same windows later. */
  entries: ReservationEntry[];
}

export type ReserveResult =
  | { ok: true; reservation: Reservation; status: CounterStatus[] }
  | { ok: false; blockedBy: CounterStatus; retryAfterSeconds: number; status: CounterStatus[] };

export interface LimitStore {
  /** All-or-nothing: succeeds iff, for every counter, used + amount(kind) <= max; then increments every counter. */
  reserve(counters: LimitCounter[], amounts: Amounts, now?: number): Promise<ReserveResult>;
  /**
   * Adjusts each reserved entry by (actual − reserved) in the window it was taken from (may be negative;
   * a window that has already ended is left alone). Idempotent per reservation id.
   */
  settle(reservation: Reservation, actual: Amounts, now?: number): Promise<void>;
  close(): Promise<void>;
}
