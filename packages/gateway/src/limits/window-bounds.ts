import type { LimitWindow } from "./types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The last millisecond of 9999 UTC: far enough for "never", small enough for Redis PEXPIREAT. */
const LIFETIME_END = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * The fixed UTC window containing `now`: [start, end). Fixed windows rather than sliding ones because
 * the answer to "how much is left and when does it reset" is then one counter and one timestamp,
 * exact and easy to explain to whoever owns the budget; a sliding window needs per-request history
 * (or an approximation) to answer the same question.
 * Epoch milliseconds have no leap seconds, so minutes, hours and days are plain multiples;
 * a month is the calendar month in UTC.
 */
export function windowBounds(per: LimitWindow, now: number): { start: number; end: number } {
  switch (per) {
    case "minute":
      return fixed(now, MINUTE);
    case "hour":
      return fixed(now, HOUR);
    case "day":
      return fixed(now, DAY);
    case "month": {
      const date = new Date(now);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth();
      // Date.UTC rolls month 12 over into January of the next year.
      return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
    }
    case "lifetime":
      // One window for all time: an API key's own spend cap never resets.
      return { start: 0, end: LIFETIME_END };
    default:
      throw new RangeError(`Unknown limit window "${String(per satisfies never)}".`);
  }
}

function fixed(now: number, length: number): { start: number; end: number } {
  const start = Math.floor(now / length) * length;
  return { start, end: start + length };
}

/** Readable window labels, so a key seen in redis-cli says which window it counts: "2025-01-02T10:04" for a minute. */
const LABEL_LENGTH: Record<Exclude<LimitWindow, "lifetime">, number> = { minute: 16, hour: 13, day: 10, month: 7 };

export function windowLabel(per: LimitWindow, start: number): string {
  return per === "lifetime" ? "all" : new Date(start).toISOString().slice(0, LABEL_LENGTH[per]);
}
