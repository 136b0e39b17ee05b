import { type BreakerPermit, type BreakerSettings, type BreakerState, type BreakerStatus, type CircuitBreaker, DEFAULT_BREAKER } from "./breaker-types.js";

/** The rolling window is this many buckets; a bucket older than the window no longer counts. */
export const WINDOW_BUCKETS = 10;

export interface Slot {
  bucket: number;
  requests: number;
  failures: number;
}

/** What a breaker stores about a target, in memory or in Redis. */
export interface StoredBreaker {
  state: BreakerState;
  openedAt: number | null;
  slots: Slot[];
}

interface Entry extends StoredBreaker {
  /** Probes handed out in the current lease period, and when that period ends. */
  probes: number;
  probesResetAt: number;
  slots: Slot[];
  seenAt: number;
}

export function bucketMs(settings: BreakerSettings): number {
  return Math.max(1, Math.ceil(settings.windowMs / WINDOW_BUCKETS));
}

/** How long a target nobody calls is remembered: long enough to outlive its window, cool-down and probe lease. */
export function retentionMs(settings: BreakerSettings): number {
  return 2 * (settings.windowMs + settings.coolDownMs + settings.probeLeaseMs);
}

/** Validates settings once, so a typo cannot silently disable the breaker. */
export function breakerSettings(overrides: Partial<BreakerSettings> = {}): BreakerSettings {
  const s = { ...DEFAULT_BREAKER, ...overrides };
  const positive = (name: keyof BreakerSettings) => {
    if (!(Number.isInteger(s[name]) && s[name] > 0)) throw new RangeError(`circuit breaker ${name} must be a positive integer`);
  };
  (["windowMs", "minRequests", "coolDownMs", "halfOpenProbes", "probeLeaseMs"] as const).forEach(positive);
  if (!(s.failureRate > 0 && s.failureRate <= 1)) throw new RangeError("circuit breaker failureRate must be in (0, 1]");
  return s;
}

/**
 * A circuit breaker per target for one gateway process. Closed, it counts calls and failures in a rolling
 * window and opens when failures reach `failureRate` of at least `minRequests` calls. Open, it turns calls
 * away for `coolDownMs`; then it is half open and lets `halfOpenProbes` probes through at a time. A probe's
 * success closes it (with a fresh window); a probe's failure opens it again. Outcomes of calls that were
 * not probes do not move a breaker that is not closed.
 */
export class MemoryCircuitBreaker implements CircuitBreaker {
  readonly #entries = new Map<string, Entry>();
  readonly #settings: BreakerSettings;
  readonly #clock: () => number;
  #nextSweepAt = 0;
  #closed = false;

  constructor(options: { settings?: Partial<BreakerSettings>; clock?: () => number } = {}) {
    this.#settings = breakerSettings(options.settings);
    this.#clock = options.clock ?? Date.now;
  }

  async acquire(key: string, now = this.#clock()): Promise<BreakerPermit> {
    this.#assertOpen();
    const entry = this.#entries.get(key);
    if (!entry || entry.state === "closed") return { allowed: true, probe: false };
    const s = this.#settings;
    if (entry.state === "open") {
      const halfOpenAt = entry.openedAt! + s.coolDownMs;
      if (now < halfOpenAt) return { allowed: false, retryAt: halfOpenAt };
      Object.assign(entry, { state: "half_open", probes: 0, probesResetAt: now });
    }
    if (now >= entry.probesResetAt) Object.assign(entry, { probes: 0, probesResetAt: now + s.probeLeaseMs });
    if (entry.probes >= s.halfOpenProbes) return { allowed: false, retryAt: entry.probesResetAt };
    entry.probes++;
    entry.seenAt = now;
    return { allowed: true, probe: true };
  }

  async recordSuccess(key: string, options: { probe?: boolean } = {}, now = this.#clock()): Promise<void> {
    this.#assertOpen();
    this.#sweep(now);
    const entry = this.#entry(key, now);
    if (entry.state === "closed") return void this.#count(entry, now, false);
    if (entry.state === "half_open" && options.probe) Object.assign(entry, { state: "closed", probes: 0, slots: [] });
  }

  async recordFailure(key: string, options: { probe?: boolean } = {}, now = this.#clock()): Promise<void> {
    this.#assertOpen();
    this.#sweep(now);
    const entry = this.#entry(key, now);
    if (entry.state === "closed") {
      const { requests, failures } = this.#count(entry, now, true);
      if (requests >= this.#settings.minRequests && failures / requests >= this.#settings.failureRate) this.#open(entry, now);
    } else if (entry.state === "half_open" && options.probe) {
      this.#open(entry, now);
    }
  }

  async states(keys: readonly string[], now = this.#clock()): Promise<Map<string, BreakerState>> {
    this.#assertOpen();
    return new Map(keys.map((key) => [key, this.#view(key, this.#entries.get(key), now).state]));
  }

  async status(key: string, now = this.#clock()): Promise<BreakerStatus> {
    this.#assertOpen();
    return this.#view(key, this.#entries.get(key), now);
  }

  async list(now = this.#clock()): Promise<BreakerStatus[]> {
    this.#assertOpen();
    this.#sweep(now, true);
    return [...this.#entries].map(([key, entry]) => this.#view(key, entry, now));
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("The circuit breaker is closed.");
  }

  #entry(key: string, now: number): Entry {
    let entry = this.#entries.get(key);
    if (!entry) this.#entries.set(key, (entry = { state: "closed", openedAt: null, probes: 0, probesResetAt: 0, slots: [], seenAt: now }));
    entry.seenAt = now;
    return entry;
  }

  #open(entry: Entry, now: number): void {
    Object.assign(entry, { state: "open", openedAt: now, probes: 0 });
  }

  /** Adds one call to the current bucket and answers the window's totals. */
  #count(entry: Entry, now: number, failed: boolean): { requests: number; failures: number } {
    const bucket = Math.floor(now / bucketMs(this.#settings));
    entry.slots = entry.slots.filter((slot) => slot.bucket > bucket - WINDOW_BUCKETS);
    let slot = entry.slots.find((x) => x.bucket === bucket);
    if (!slot) entry.slots.push((slot = { bucket, requests: 0, failures: 0 }));
    slot.requests++;
    if (failed) slot.failures++;
    return windowTotals(entry.slots, bucket);
  }

  #view(key: string, entry: Entry | undefined, now: number): BreakerStatus {
    return breakerView(key, entry, now, this.#settings);
  }

  /** Forgets targets nobody has called for a while; at most every few seconds unless asked. */
  #sweep(now: number, force = false): void {
    if (!force && now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + 5_000;
    const retention = retentionMs(this.#settings);
    for (const [key, entry] of this.#entries) if (now - entry.seenAt > retention) this.#entries.delete(key);
  }
}

/** A target's status as read at `now`: an open breaker whose cool-down has passed reads as half open. */
export function breakerView(key: string, stored: StoredBreaker | undefined, now: number, settings: BreakerSettings): BreakerStatus {
  if (!stored) return { key, state: "closed", requests: 0, failures: 0, openedAt: null, halfOpenAt: null };
  const coolingUntil = stored.state === "open" ? stored.openedAt! + settings.coolDownMs : null;
  const state = coolingUntil !== null && now >= coolingUntil ? "half_open" : stored.state;
  const totals = windowTotals(stored.slots, Math.floor(now / bucketMs(settings)));
  return { key, state, ...totals, openedAt: stored.openedAt, halfOpenAt: state === "open" ? coolingUntil : null };
}

function windowTotals(slots: Slot[], bucket: number): { requests: number; failures: number } {
  let requests = 0;
  let failures = 0;
  for (const slot of slots) {
    if (slot.bucket <= bucket - WINDOW_BUCKETS || slot.bucket > bucket) continue;
    requests += slot.requests;
    failures += slot.failures;
  }
  return { requests, failures };
}
