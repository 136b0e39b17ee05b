import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import {
  type BeginResult,
  DEFAULT_PENDING_TTL_MS,
  DEFAULT_RESULT_TTL_MS,
  type IdempotencyOptions,
  type IdempotencyStore,
  type StoredResult,
} from "./idempotency-types.js";
import type { Scheduler } from "./timeouts.js";

/**
 * KEYS[1]: the key's hash (`st` pending|done, `fp` fingerprint, `tok` owner token, `res` result JSON).
 * ARGV: fingerprint, new token, pending TTL ms. Claims the key when free; otherwise reports its state.
 */
const BEGIN_LUA = `
local st = redis.call('HGET', KEYS[1], 'st')
if not st then
  redis.call('HSET', KEYS[1], 'st', 'pending', 'fp', ARGV[1], 'tok', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return { 'new' }
end
if redis.call('HGET', KEYS[1], 'fp') ~= ARGV[1] then return { 'mismatch' } end
if st == 'pending' then return { 'in_flight' } end
return { 'done', redis.call('HGET', KEYS[1], 'res') }
`;

/** KEYS[1]: the key's hash. ARGV: token, result JSON, result TTL ms. Only the holder may complete. */
const COMPLETE_LUA = `
if redis.call('HGET', KEYS[1], 'st') ~= 'pending' or redis.call('HGET', KEYS[1], 'tok') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'st', 'done', 'res', ARGV[2])
redis.call('HDEL', KEYS[1], 'tok')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS[1]: the key's hash. ARGV: token. Only the holder may release. */
const FAIL_LUA = `
if redis.call('HGET', KEYS[1], 'st') == 'pending' and redis.call('HGET', KEYS[1], 'tok') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

interface Commands {
  igrisIdemBegin(keys: number, ...args: (string | number)[]): Promise<string[]>;
  igrisIdemComplete(keys: number, ...args: (string | number)[]): Promise<number>;
  igrisIdemFail(keys: number, ...args: (string | number)[]): Promise<number>;
}

const REAL_SCHEDULER: Scheduler = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
/** Waiting polls, starting quick and backing off: a retry usually arrives while the first is mid-answer. */
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 250;

/** Idempotency shared by every gateway process on one Redis; each operation is one atomic script. */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #commands: Commands;
  readonly #prefix: string;
  readonly #pendingTtlMs: number;
  readonly #resultTtlMs: number;
  readonly #clock: () => number;
  readonly #scheduler: Scheduler;

  constructor(redis: Redis, options: IdempotencyOptions & { prefix?: string } = {}) {
    redis.defineCommand("igrisIdemBegin", { lua: BEGIN_LUA });
    redis.defineCommand("igrisIdemComplete", { lua: COMPLETE_LUA });
    redis.defineCommand("igrisIdemFail", { lua: FAIL_LUA });
    this.#commands = redis as unknown as Commands;
    this.#prefix = options.prefix ?? "igris:idem:";
    this.#pendingTtlMs = options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS;
    this.#resultTtlMs = options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
    this.#clock = options.clock ?? Date.now;
    this.#scheduler = options.scheduler ?? REAL_SCHEDULER;
  }

  async begin(key: string, fingerprint: string): Promise<BeginResult> {
    const token = randomBytes(12).toString("hex");
    const [state, result] = await this.#commands.igrisIdemBegin(1, this.#prefix + key, fingerprint, token, this.#pendingTtlMs);
    if (state === "new") return { state, token };
    if (state === "done") return { state, result: JSON.parse(result!) as StoredResult };
    return { state: state as "in_flight" | "mismatch" };
  }

  async complete(key: string, token: string, result: StoredResult): Promise<boolean> {
    return (await this.#commands.igrisIdemComplete(1, this.#prefix + key, token, JSON.stringify(result), this.#resultTtlMs)) === 1;
  }

  async fail(key: string, token: string): Promise<void> {
    await this.#commands.igrisIdemFail(1, this.#prefix + key, token);
  }

  async wait(key: string, fingerprint: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BeginResult> {
    const deadline = this.#clock() + options.timeoutMs;
    let pollMs = FIRST_POLL_MS;
    for (;;) {
      const result = await this.begin(key, fingerprint);
      const left = deadline - this.#clock();
      if (result.state !== "in_flight" || left <= 0 || options.signal?.aborted) return result;
      await new Promise<void>((resolve) => this.#scheduler.setTimeout(() => resolve(), Math.min(pollMs, left)));
      pollMs = Math.min(MAX_POLL_MS, Math.ceil(pollMs * 1.5));
    }
  }

  async close(): Promise<void> {}
}
