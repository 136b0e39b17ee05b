import type { Redis } from "ioredis";
import { amountFor, assertAmounts, planReservation, reservationOutcome } from "./plan-reservation.js";
import { RESERVE_LUA, SETTLE_LUA } from "./redis-limit-scripts.js";
import type { Amounts, LimitCounter, LimitStore, Reservation, ReserveResult } from "./types.js";

/**
 * Keys outlive their window by this much, then Redis drops them itself. The margin covers clock skew
 * between gateway processes: a process whose clock runs a little behind still finds the window it
 * believes is current instead of recreating it empty.
 */
const EXPIRY_MARGIN_MS = 5 * 60_000;

// Named for this module so they cannot clash with scripts other code defines on a shared connection.
const RESERVE_COMMAND = "igrisLimitReserve";
const SETTLE_COMMAND = "igrisLimitSettle";

/** The commands `defineCommand` adds; ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT. */
interface LimitCommands {
  [RESERVE_COMMAND](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
  [SETTLE_COMMAND](numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
}

/**
 * Limits shared by every gateway process using the same Redis. The connection belongs to the caller
 * (it may serve other stores too), so `close` stops this store from being used but leaves it open.
 * Every key of one call goes to one server, so this needs a single Redis (or one hash slot), not a cluster.
 */
export class RedisLimitStore implements LimitStore {
  readonly #commands: LimitCommands;
  readonly #prefix: string;
  readonly #clock: () => number;
  #closed = false;

  constructor(redis: Redis, options: { prefix?: string; clock?: () => number } = {}) {
    redis.defineCommand(RESERVE_COMMAND, { lua: RESERVE_LUA });
    redis.defineCommand(SETTLE_COMMAND, { lua: SETTLE_LUA });
    this.#commands = redis as unknown as LimitCommands;
    this.#prefix = options.prefix ?? "igris:limit:";
    this.#clock = options.clock ?? Date.now;
  }

  async reserve(counters: LimitCounter[], amounts: Amounts, now = this.#clock()): Promise<ReserveResult> {
    this.#assertOpen();
    const plan = planReservation(counters, amounts, now);
    if (plan.windows.length === 0) return reservationOutcome(plan, [], true);
    const keys = plan.windows.map((w) => this.#counterKey(w.windowKey));
    const args = plan.windows.flatMap((w) => [w.max, w.amount, w.windowEndsAt + EXPIRY_MARGIN_MS]);
    const [fits, ...used] = await this.#commands[RESERVE_COMMAND](keys.length, ...keys, ...args);
    return reservationOutcome(plan, used, fits === 1);
  }

  async settle(reservation: Reservation, actual: Amounts, now = this.#clock()): Promise<void> {
    this.#assertOpen();
    assertAmounts(actual);
    const live = reservation.entries.filter((e) => e.windowEndsAt > now);
    if (live.length === 0) return;
    const keys = [this.#prefix + "settled:" + reservation.id, ...live.map((e) => this.#counterKey(e.windowKey))];
    const markerExpiresAt = Math.max(...live.map((e) => e.windowEndsAt)) + EXPIRY_MARGIN_MS;
    const deltas = live.map((e) => amountFor(e.kind, actual) - e.reserved);
    await this.#commands[SETTLE_COMMAND](keys.length, ...keys, markerExpiresAt, ...deltas);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #counterKey(windowKey: string): string {
    return this.#prefix + "count:" + windowKey;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("The limit store is closed.");
  }
}
