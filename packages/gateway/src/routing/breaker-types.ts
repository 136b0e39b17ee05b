/** closed: traffic flows; open: the target is skipped until the cool-down ends; half_open: a few probes decide. */
export type BreakerState = "closed" | "open" | "half_open";

export interface BreakerSettings {
  /** The rolling window failures are counted over. */
  windowMs: number;
  /** No opening on fewer calls than this in the window, however many failed. */
  minRequests: number;
  /** Opens when failures / calls in the window reach this share (0–1]. */
  failureRate: number;
  /** How long an open breaker turns traffic away before letting probes through. */
  coolDownMs: number;
  /** Probes allowed at once while half open. */
  halfOpenProbes: number;
  /** A probe that never reports back frees its slot after this long. */
  probeLeaseMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  windowMs: 60_000,
  minRequests: 10,
  failureRate: 0.5,
  coolDownMs: 30_000,
  halfOpenProbes: 1,
  probeLeaseMs: 60_000,
};

export interface BreakerStatus {
  key: string;
  state: BreakerState;
  /** Calls and failures counted in the current window (cleared when the breaker closes after probing). */
  requests: number;
  failures: number;
  /** Epoch ms the breaker last opened, or null. */
  openedAt: number | null;
  /** While open: epoch ms from which probes are let through. */
  halfOpenAt: number | null;
}

/** The answer to "may I call this target now?"; a probe must report its outcome with `probe: true`. */
export type BreakerPermit = { allowed: true; probe: boolean } | { allowed: false; retryAt: number };

/** One interface for the in-process breaker and the one shared through Redis. */
export interface CircuitBreaker {
  acquire(key: string, now?: number): Promise<BreakerPermit>;
  recordSuccess(key: string, options?: { probe?: boolean }, now?: number): Promise<void>;
  recordFailure(key: string, options?: { probe?: boolean }, now?: number): Promise<void>;
  /** The states of many targets at once (closed for ones never seen), for planning a request. */
  states(keys: readonly string[], now?: number): Promise<Map<string, BreakerState>>;
  status(key: string, now?: number): Promise<BreakerStatus>;
  /** Every target seen recently, for `GET /api/health/targets`. */
  list(now?: number): Promise<BreakerStatus[]>;
  close(): Promise<void>;
}
