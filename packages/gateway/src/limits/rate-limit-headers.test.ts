import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "./rate-limit-headers.js";
import type { CounterStatus, LimitCounter, ReserveResult } from "./types.js";

const NOW = Date.UTC(2025, 0, 15, 10, 30, 0);

function status(counter: LimitCounter, used: number, resetInSeconds: number): CounterStatus {
  return { counter, used, remaining: Math.max(0, counter.max - used), resetAt: NOW + resetInSeconds * 1000 };
}

const rpm: LimitCounter = { key: "rule_rpm|user:alice", kind: "requests", max: 60, per: "minute" };
const rpd: LimitCounter = { key: "rule_rpd|user:alice", kind: "requests", max: 1_000, per: "day" };
const tpm: LimitCounter = { key: "rule_tpm|user:alice", kind: "tokens", max: 10_000, per: "minute" };
const budget: LimitCounter = { key: "rule_budget|user:alice", kind: "dollars", max: 1_000_000, per: "day" };

describe("rate limit headers", () => {
  it("describe the counter of each kind with the least left", () => {
    const result: ReserveResult = {
      ok: true,
      reservation: { id: "rsv_1", entries: [] },
      status: [status(rpm, 10, 30), status(rpd, 995, 48_600), status(tpm, 1_200, 30), status(budget, 7_000, 48_600)],
    };
    expect(rateLimitHeaders(result, NOW)).toEqual({
      "x-ratelimit-limit-requests": "1000",
      "x-ratelimit-remaining-requests": "5",
      "x-ratelimit-reset-requests": "48600s",
      "x-ratelimit-limit-tokens": "10000",
      "x-ratelimit-remaining-tokens": "8800",
      "x-ratelimit-reset-tokens": "30s",
      "x-ratelimit-limit-dollars": "1.000000",
      "x-ratelimit-remaining-dollars": "0.993000",
      "x-ratelimit-reset-dollars": "48600s",
    });
  });

  it("round a partial second up, so a client never retries early", () => {
    const result: ReserveResult = { ok: true, reservation: { id: "rsv_2", entries: [] }, status: [{ ...status(rpm, 1, 0), resetAt: NOW + 1_200 }] };
    expect(rateLimitHeaders(result, NOW)["x-ratelimit-reset-requests"]).toBe("2s");
  });

  it("name the blocking counter for its kind and add retry-after when blocked", () => {
    const blockedBy = status(rpm, 60, 30);
    const result: ReserveResult = {
      ok: false,
      blockedBy,
      retryAfterSeconds: 30,
      // The daily counter has less left in absolute terms, but the per-minute one is what refused the call.
      status: [blockedBy, status(rpd, 1_000, 48_600)],
    };
    expect(rateLimitHeaders(result, NOW)).toEqual({
      "x-ratelimit-limit-requests": "60",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "30s",
      "retry-after": "30",
    });
  });

  it("are empty when no limit applies", () => {
    expect(rateLimitHeaders({ ok: true, reservation: { id: "rsv_3", entries: [] }, status: [] }, NOW)).toEqual({});
  });
});
