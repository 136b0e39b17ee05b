import type { Redis } from "ioredis";
import type { BreakerPermit, BreakerSettings, BreakerState, BreakerStatus, CircuitBreaker } from "./breaker-types.js";
import { breakerSettings, breakerView, bucketMs, retentionMs, type Slot, type StoredBreaker, WINDOW_BUCKETS } from "./circuit-breaker.js";
import { ACQUIRE_LUA, RECORD_LUA } from "./redis-breaker-scripts.js";

const ACQUIRE_COMMAND = "igrisBreakerAcquire";
const RECORD_COMMAND = "igrisBreakerRecord";

interface BreakerCommands {
  [ACQUIRE_COMMAND](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<[number, number, number]>;
  [RECORD_COMMAND](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<BreakerState>;
}

/**
 * The circuit breaker shared by every gateway process on one Redis: a target opened by one instance is
 * skipped by all. Same behaviour as MemoryCircuitBreaker. The connection belongs to the caller. A target's
 * hash and the index are touched in one script, so this needs a single Redis, not a cluster.
 */
export class RedisCircuitBreaker implements CircuitBreaker {
  readonly #redis: Redis;
  readonly #commands: BreakerCommands;
  readonly #settings: BreakerSettings;
  readonly #prefix: string;
  readonly #clock: () => number;
  #closed = false;

  constructor(redis: Redis, options: { settings?: Partial<BreakerSettings>; prefix?: string; clock?: () => number } = {}) {
    redis.defineCommand(ACQUIRE_COMMAND, { lua: ACQUIRE_LUA });
    redis.defineCommand(RECORD_COMMAND, { lua: RECORD_LUA });
    this.#redis = redis;
    this.#commands = redis as unknown as BreakerCommands;
    this.#settings = breakerSettings(options.settings);
    this.#prefix = options.prefix ?? "igris:breaker:";
    this.#clock = options.clock ?? Date.now;
  }

  async acquire(key: string, now = this.#clock()): Promise<BreakerPermit> {
    this.#assertOpen();
    const s = this.#settings;
    const [allowed, probe, retryAt] = await this.#commands[ACQUIRE_COMMAND](1, this.#hash(key), now, s.coolDownMs, s.halfOpenProbes, s.probeLeaseMs, retentionMs(s));
    return allowed === 1 ? { allowed: true, probe: probe === 1 } : { allowed: false, retryAt };
  }

  recordSuccess(key: string, options: { probe?: boolean } = {}, now = this.#clock()): Promise<void> {
    return this.#record(key, false, options.probe === true, now);
  }

  recordFailure(key: string, options: { probe?: boolean } = {}, now = this.#clock()): Promise<void> {
    return this.#record(key, true, options.probe === true, now);
  }

  async states(keys: readonly string[], now = this.#clock()): Promise<Map<string, BreakerState>> {
    const statuses = await this.#read(keys, now);
    return new Map(statuses.map((s) => [s!.key, s!.state]));
  }

  async status(key: string, now = this.#clock()): Promise<BreakerStatus> {
    return (await this.#read([key], now))[0]!;
  }

  async list(now = this.#clock()): Promise<BreakerStatus[]> {
    this.#assertOpen();
    const since = now - retentionMs(this.#settings);
    const index = this.#prefix + "index";
    await this.#redis.zremrangebyscore(index, "-inf", `(${since}`);
    const keys = await this.#redis.zrangebyscore(index, since, "+inf");
    return (await this.#read(keys, now, true)).filter((s): s is BreakerStatus => s !== null);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  async #record(key: string, failed: boolean, probe: boolean, now: number): Promise<void> {
    this.#assertOpen();
    const s = this.#settings;
    await this.#commands[RECORD_COMMAND](
      2,
      this.#hash(key),
      this.#prefix + "index",
      now,
      failed ? 1 : 0,
      probe ? 1 : 0,
      bucketMs(s),
      WINDOW_BUCKETS,
      s.minRequests,
      s.failureRate,
      retentionMs(s),
      key,
    );
  }

  /** Reads many targets in one round trip; `skipMissing` drops targets whose hash has expired. */
  async #read(keys: readonly string[], now: number, skipMissing = false): Promise<(BreakerStatus | null)[]> {
    this.#assertOpen();
    if (keys.length === 0) return [];
    const pipeline = this.#redis.pipeline();
    for (const key of keys) pipeline.hgetall(this.#hash(key));
    const replies = (await pipeline.exec()) ?? [];
    return keys.map((key, i) => {
      const [err, fields] = replies[i] ?? [new Error("no reply"), null];
      if (err) throw err;
      const stored = parseStored(fields as Record<string, string>);
      if (!stored && skipMissing) return null;
      return breakerView(key, stored, now, this.#settings);
    });
  }

  #hash(key: string): string {
    return this.#prefix + "t:" + key;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("The circuit breaker is closed.");
  }
}

function parseStored(fields: Record<string, string>): StoredBreaker | undefined {
  const state = fields.st as BreakerState | undefined;
  if (state !== "closed" && state !== "open" && state !== "half_open") return undefined;
  const slots: Slot[] = [];
  for (let i = 0; i < WINDOW_BUCKETS; i++) {
    if (fields[`b${i}`] === undefined) continue;
    slots.push({ bucket: Number(fields[`b${i}`]), requests: Number(fields[`r${i}`] ?? 0), failures: Number(fields[`f${i}`] ?? 0) });
  }
  return { state, openedAt: fields.oa === undefined ? null : Number(fields.oa), slots };
}
