import type { FallbackCondition, RetrySettings } from "./route-schema.js";
import type { TimeoutKind } from "./timeouts.js";

/** Response headers as undici gives them: lower-case names, repeated ones as arrays. */
export type HeaderBag = Record<string, string | string[] | undefined>;

/** How one attempt at a target failed. */
export type AttemptFailure =
  | { kind: "status"; status: number; headers?: HeaderBag; body?: string }
  | { kind: "network"; code?: string }
  | { kind: "timeout"; timeout: TimeoutKind };

export interface FailureContext {
  /** Part of the answer already reached the client: nothing can be retried or handed over any more. */
  afterFirstByte: boolean;
}

/**
 * Worth trying the same target again: 408, 409 and 429, any 5xx, network errors and timeouts. No other
 * 4xx: the same request would be refused the same way.
 */
export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.kind !== "status") return true;
  const { status } = failure;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function shouldRetry(failure: AttemptFailure, context: FailureContext): boolean {
  return !context.afterFirstByte && isRetryable(failure);
}

function matches(failure: AttemptFailure, condition: FallbackCondition): boolean {
  if (failure.kind === "network") return condition === "network";
  if (failure.kind === "timeout") return condition === "timeout";
  if (typeof condition === "number") return failure.status === condition;
  return (condition === "4xx" && failure.status >= 400 && failure.status < 500) || (condition === "5xx" && failure.status >= 500 && failure.status < 600);
}

/** Hand the request to the next target: only before the first byte, and only for a listed failure. */
export function shouldFallback(failure: AttemptFailure, fallbackOn: readonly FallbackCondition[], context: FailureContext): boolean {
  return !context.afterFirstByte && fallbackOn.some((c) => matches(failure, c));
}

/** Full jitter: uniform in [0, min(maxMs, baseMs × 2^retryIndex)), so retrying clients spread out. */
export function backoffDelay(retryIndex: number, settings: Pick<RetrySettings, "baseMs" | "maxMs">, random: () => number): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(retryIndex, 30));
  return Math.floor(random() * ceiling);
}

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

const SECONDS = /^\s*(\d+(?:\.\d+)?)\s*$/;
const DURATION = /^\s*(\d+(?:\.\d+)?)s\s*$/;
const MAX_HINT_BODY = 65_536;

/**
 * How long the provider asked us to wait, in ms, or null when it did not say: `retry-after-ms`, then
 * `Retry-After` (seconds or an HTTP date), then a Google `RetryInfo` detail's `retryDelay` ("34.4s") in
 * the error body. Hints that do not parse are ignored.
 */
export function retryHintMs(failure: AttemptFailure, now: number): number | null {
  if (failure.kind !== "status") return null;
  const ms = Number(header(failure.headers, "retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const after = header(failure.headers, "retry-after");
  if (after !== undefined) {
    const seconds = SECONDS.exec(after);
    if (seconds) return Math.ceil(Number(seconds[1]) * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return failure.body && failure.body.length <= MAX_HINT_BODY ? retryInfoDelayMs(failure.body) : null;
}

/** Gemini and Vertex put `google.rpc.RetryInfo` in `error.details`; streamed errors wrap it in an array. */
function retryInfoDelayMs(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const error = (Array.isArray(parsed) ? parsed[0] : parsed) as { error?: { details?: unknown } } | null;
  const details = error?.error?.details;
  if (!Array.isArray(details)) return null;
  for (const detail of details) {
    if (!detail || typeof detail !== "object" || !String(detail["@type"] ?? "").endsWith("google.rpc.RetryInfo")) continue;
    const delay = detail.retryDelay;
    if (typeof delay === "string") {
      const match = DURATION.exec(delay);
      if (match) return Math.ceil(Number(match[1]) * 1000);
    } else if (delay && typeof delay === "object") {
      const seconds = Number(delay.seconds ?? 0);
      const nanos = Number(delay.nanos ?? 0);
      if (Number.isFinite(seconds) && Number.isFinite(nanos)) return Math.ceil(seconds * 1000 + nanos / 1e6);
    }
  }
  return null;
}

export type RetryDecision =
  | { retry: true; delayMs: number; hinted: boolean }
  | { retry: false; reason: "not_retryable" | "after_first_byte" | "attempts_spent" | "hint_too_long" };

/**
 * Whether to try the same target again after `retriesDone` retries, and after how long. A provider hint
 * is followed exactly when it is within `maxRetryAfterMs`; a longer one gives the target up (the caller
 * moves on to the next target), since asking again sooner than told would only be refused again.
 */
export function decideRetry(
  failure: AttemptFailure,
  retriesDone: number,
  settings: RetrySettings,
  context: FailureContext & { random: () => number; now: number },
): RetryDecision {
  if (context.afterFirstByte) return { retry: false, reason: "after_first_byte" };
  if (!isRetryable(failure)) return { retry: false, reason: "not_retryable" };
  if (retriesDone >= settings.attempts) return { retry: false, reason: "attempts_spent" };
  const hint = retryHintMs(failure, context.now);
  if (hint === null) return { retry: true, delayMs: backoffDelay(retriesDone, settings, context.random), hinted: false };
  if (hint > settings.maxRetryAfterMs) return { retry: false, reason: "hint_too_long" };
  return { retry: true, delayMs: hint, hinted: true };
}
