import { GatewayError } from "../lib/errors.js";
import type { TimeoutSettings } from "./route-schema.js";

export type TimeoutKind = "connect" | "first_byte" | "idle" | "total";

export const TIMEOUT_CODES = {
  connect: "upstream_connect_timeout",
  first_byte: "upstream_first_byte_timeout",
  idle: "upstream_idle_timeout",
  total: "upstream_total_timeout",
} as const satisfies Record<TimeoutKind, string>;

const DESCRIPTIONS: Record<TimeoutKind, string> = {
  connect: "did not accept a connection",
  first_byte: "did not start answering",
  idle: "stopped sending mid-answer",
  total: "did not finish answering",
};

/** One upstream attempt ran out of time; `kind` says at which stage. Answered as a 504. */
export class UpstreamTimeoutError extends GatewayError {
  constructor(
    readonly kind: TimeoutKind,
    readonly limitMs: number,
    provider = "The provider",
  ) {
    super(504, "api_error", `${provider} ${DESCRIPTIONS[kind]} within ${limitMs} ms.`, TIMEOUT_CODES[kind]);
    this.name = "UpstreamTimeoutError";
  }
}

/** The timer functions the clock needs; tests pass a manual scheduler to control time. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_SCHEDULER: Scheduler = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending upstream deadline alone must not keep the process alive at shutdown.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The four deadlines of one upstream attempt, enforced through one AbortSignal. Pass `signal` to the undici
 * request; call `connected()` when the request has a socket (undici's dispatch handler `onConnect`) —
 * without that call the connect deadline fires even on a live socket, see `observeConnect` —
 * `firstByte()` when the response head arrives, `chunk()` for each body chunk, and `finish()` at the end.
 * When a deadline passes the signal aborts with an `UpstreamTimeoutError` as its reason (undici rejects
 * with that reason); `explain(err)` turns whatever error surfaced into the timeout that caused it.
 */
export class AttemptDeadlines {
  readonly #controller = new AbortController();
  readonly #settings: TimeoutSettings;
  readonly #scheduler: Scheduler;
  readonly #provider: string | undefined;
  readonly #timers = new Map<TimeoutKind, unknown>();
  #expired: UpstreamTimeoutError | null = null;
  #stage: "connecting" | "waiting" | "streaming" | "done" = "connecting";

  /**
   * `observeConnect: false` for a caller that cannot tell when the socket is ready (undici's
   * `Pool.request` has no hook): the first-byte deadline then runs from the start, and the connect
   * bound is the pool's own `connect.timeout` (mapped by `timeoutKindOfUndiciError`).
   */
  constructor(settings: TimeoutSettings, options: { scheduler?: Scheduler; provider?: string; parent?: AbortSignal; observeConnect?: boolean } = {}) {
    this.#settings = settings;
    this.#scheduler = options.scheduler ?? REAL_SCHEDULER;
    this.#provider = options.provider;
    // The client going away cancels the attempt too, with the client's own reason.
    const parent = options.parent;
    if (parent?.aborted) this.#abort(parent.reason);
    else parent?.addEventListener("abort", () => this.#abort(parent.reason), { once: true });
    this.#arm("total", settings.totalMs);
    if (options.observeConnect === false) this.connected();
    else this.#arm("connect", settings.connectMs);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The timeout that fired, or null. */
  get expired(): UpstreamTimeoutError | null {
    return this.#expired;
  }

  connected(): void {
    if (this.#stage !== "connecting") return;
    this.#stage = "waiting";
    this.#disarm("connect");
    this.#arm("first_byte", this.#settings.firstByteMs);
  }

  /** The response head arrived; from now on only the idle and total deadlines apply. */
  firstByte(): void {
    if (this.#stage === "connecting") this.connected();
    if (this.#stage !== "waiting") return;
    this.#stage = "streaming";
    this.#disarm("first_byte");
    this.#arm("idle", this.#settings.idleMs);
  }

  chunk(): void {
    if (this.#stage === "streaming") this.#arm("idle", this.#settings.idleMs);
  }

  /** Stops every timer; call when the attempt ends for any reason. */
  finish(): void {
    this.#stage = "done";
    for (const kind of [...this.#timers.keys()]) this.#disarm(kind);
  }

  /** The timeout behind an error the request or stream raised, or the error itself when no deadline passed. */
  explain(err: unknown): unknown {
    return this.#expired ?? err;
  }

  #arm(kind: TimeoutKind, ms: number): void {
    this.#disarm(kind);
    this.#timers.set(
      kind,
      this.#scheduler.setTimeout(() => this.#fire(kind, ms), ms),
    );
  }

  #disarm(kind: TimeoutKind): void {
    if (!this.#timers.has(kind)) return;
    this.#scheduler.clearTimeout(this.#timers.get(kind));
    this.#timers.delete(kind);
  }

  #fire(kind: TimeoutKind, ms: number): void {
    this.#timers.delete(kind);
    if (this.#stage === "done" || this.#controller.signal.aborted) return;
    this.#expired = new UpstreamTimeoutError(kind, ms, this.#provider);
    this.finish();
    this.#abort(this.#expired);
  }

  #abort(reason: unknown): void {
    if (this.#controller.signal.aborted) return;
    this.finish();
    this.#controller.abort(reason);
  }
}

/** undici's own timeout errors (pool connect timeout, headersTimeout, bodyTimeout) as our kinds. */
export function timeoutKindOfUndiciError(err: unknown): TimeoutKind | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return "connect";
  if (code === "UND_ERR_HEADERS_TIMEOUT") return "first_byte";
  if (code === "UND_ERR_BODY_TIMEOUT") return "idle";
  return null;
}

/**
 * A response body read through the deadlines: each chunk resets the idle timer, the end stops them all,
 * and an error caused by a deadline surfaces as that deadline's `UpstreamTimeoutError`.
 */
export async function* timedChunks<T>(body: AsyncIterable<T>, deadlines: AttemptDeadlines): AsyncGenerator<T> {
  deadlines.firstByte();
  try {
    for await (const chunk of body) {
      deadlines.chunk();
      yield chunk;
    }
  } catch (err) {
    throw deadlines.explain(err);
  } finally {
    deadlines.finish();
  }
}
