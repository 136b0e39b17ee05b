import { formatUsd } from "../catalog/cost.js";
import { secondsUntil } from "./plan-reservation.js";
import type { CounterStatus, LimitKind, ReserveResult } from "./types.js";

const KINDS: readonly LimitKind[] = ["requests", "tokens", "dollars"];

/**
 * Response headers for the most constrained counter of each kind, named as OpenAI names them:
 * x-ratelimit-limit-<kind>, x-ratelimit-remaining-<kind>, x-ratelimit-reset-<kind>.
 * The reset is whole seconds until the window ends with an "s" suffix ("12s", "3600s"), which parsers
 * of OpenAI's duration strings ("6m0s") accept too. Dollar values are USD decimals ("0.993000"), since
 * a header is read by people and micro-USD is an internal unit. When blocked, retry-after carries
 * the integer seconds from the result, and the blocking counter is the one reported for its kind.
 */
export function rateLimitHeaders(result: ReserveResult, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const kind of KINDS) {
    const status = result.ok || result.blockedBy.counter.kind !== kind ? mostConstrained(result.status, kind) : result.blockedBy;
    if (!status) continue;
    const format = kind === "dollars" ? formatUsd : String;
    headers[`x-ratelimit-limit-${kind}`] = format(status.counter.max);
    headers[`x-ratelimit-remaining-${kind}`] = format(status.remaining);
    headers[`x-ratelimit-reset-${kind}`] = `${secondsUntil(status.resetAt, now)}s`;
  }
  if (!result.ok) headers["retry-after"] = String(result.retryAfterSeconds);
  return headers;
}

/** Least remaining; between equals, the one that stays that way longest. */
function mostConstrained(statuses: CounterStatus[], kind: LimitKind): CounterStatus | undefined {
  let best: CounterStatus | undefined;
  for (const status of statuses) {
    if (status.counter.kind !== kind) continue;
    if (!best || status.remaining < best.remaining || (status.remaining === best.remaining && status.resetAt > best.resetAt)) best = status;
  }
  return best;
}
