import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../testing/fixtures.js";
import { type AttemptFailure, backoffDelay, decideRetry, isRetryable, retryHintMs, shouldFallback, shouldRetry } from "./retry-policy.js";
import { DEFAULT_FALLBACK_ON, DEFAULT_RETRY } from "./route-schema.js";
import { seededRandom } from "./seeded-random.js";

const status = (code: number, headers: Record<string, string> = {}, body?: string): AttemptFailure => ({ kind: "status", status: code, headers, ...(body ? { body } : {}) });
const before = { afterFirstByte: false };
const after = { afterFirstByte: true };
const NOW = Date.parse("2026-03-01T12:00:00Z");

describe("which failures are retried", () => {
  it("retries 408, 409, 429, every 5xx, network errors and timeouts", () => {
    for (const code of [408, 409, 429, 500, 502, 503, 504, 529]) expect(isRetryable(status(code)), String(code)).toBe(true);
    expect(isRetryable({ kind: "network", code: "ECONNRESET" })).toBe(true);
    expect(isRetryable({ kind: "timeout", timeout: "first_byte" })).toBe(true);
  });

  it("never retries any other 4xx", () => {
    for (let code = 400; code < 500; code++) {
      if (code === 408 || code === 409 || code === 429) continue;
      expect(isRetryable(status(code)), String(code)).toBe(false);
    }
  });

  it("retries nothing once part of the answer has reached the client", () => {
    expect(shouldRetry(status(503), before)).toBe(true);
    expect(shouldRetry(status(503), after)).toBe(false);
    expect(shouldRetry({ kind: "timeout", timeout: "idle" }, after)).toBe(false);
  });
});

describe("when a route falls back", () => {
  it("moves on by default for 408, 409, 429, 5xx, network errors and timeouts", () => {
    const moves = (f: AttemptFailure) => shouldFallback(f, DEFAULT_FALLBACK_ON, before);
    expect([408, 409, 429, 500, 503, 599].every((c) => moves(status(c)))).toBe(true);
    expect(moves({ kind: "network" })).toBe(true);
    expect(moves({ kind: "timeout", timeout: "connect" })).toBe(true);
    expect([400, 401, 403, 404, 422].some((c) => moves(status(c)))).toBe(false);
  });

  it("follows a configured list of codes, classes and failure kinds", () => {
    const list = [401, "5xx"] as const;
    expect(shouldFallback(status(401), list, before)).toBe(true);
    expect(shouldFallback(status(502), list, before)).toBe(true);
    expect(shouldFallback(status(429), list, before)).toBe(false);
    expect(shouldFallback({ kind: "timeout", timeout: "total" }, list, before)).toBe(false);
    expect(shouldFallback(status(404), ["4xx"], before)).toBe(true);
    expect(shouldFallback(status(500), [], before)).toBe(false);
  });

  it("never moves on after the first byte reached the client", () => {
    expect(shouldFallback(status(500), DEFAULT_FALLBACK_ON, after)).toBe(false);
    expect(shouldFallback({ kind: "timeout", timeout: "idle" }, DEFAULT_FALLBACK_ON, after)).toBe(false);
  });
});

describe("backoff with full jitter", () => {
  const settings = { baseMs: 100, maxMs: 1_000 };

  it("draws from [0, base × 2^n) and never reaches the ceiling", () => {
    expect(backoffDelay(0, settings, () => 0)).toBe(0);
    expect(backoffDelay(0, settings, () => 0.999999)).toBe(99);
    expect(backoffDelay(2, settings, () => 0.999999)).toBe(399);
    expect(backoffDelay(2, settings, () => 0.5)).toBe(200);
  });

  it("caps the ceiling at maxMs, however many retries came before", () => {
    expect(backoffDelay(4, settings, () => 0.999999)).toBe(999);
    expect(backoffDelay(1_000, settings, () => 0.999999)).toBe(999);
  });

  it("spreads draws over the whole range", () => {
    const random = seededRandom(12);
    const draws = Array.from({ length: 5_000 }, () => backoffDelay(3, settings, random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(800);
    expect(Math.min(...draws)).toBeLessThan(20);
    expect(Math.max(...draws)).toBeGreaterThan(780);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 400)).toBeLessThan(20);
  });
});

describe("provider retry hints", () => {
  it("reads retry-after-ms first, then Retry-After in seconds or as an HTTP date", () => {
    expect(retryHintMs(status(429, { "retry-after-ms": "1250.5", "retry-after": "9" }), NOW)).toBe(1251);
    expect(retryHintMs(status(429, { "retry-after": "7" }), NOW)).toBe(7_000);
    expect(retryHintMs(status(429, { "retry-after": "0.5" }), NOW)).toBe(500);
    expect(retryHintMs(status(503, { "retry-after": "Sun, 01 Mar 2026 12:00:30 GMT" }), NOW)).toBe(30_000);
    expect(retryHintMs(status(503, { "retry-after": "Sun, 01 Mar 2026 11:00:00 GMT" }), NOW)).toBe(0);
  });

  it("reads Gemini's RetryInfo from a recorded 429 body", () => {
    const body = readFileSync(wireFixture("google/vercel-google-429-retry-info.json"), "utf8");
    expect(retryHintMs(status(429, {}, body), NOW)).toBe(34_400);
  });

  it("reads RetryInfo wrapped in an array, and as seconds and nanos", () => {
    const detail = (retryDelay: unknown) => JSON.stringify([{ error: { code: 429, details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] } }]);
    expect(retryHintMs(status(429, {}, detail("7s")), NOW)).toBe(7_000);
    expect(retryHintMs(status(429, {}, detail({ seconds: "2", nanos: 500_000_000 })), NOW)).toBe(2_500);
  });

  it("ignores hints that do not parse, and failures that carry none", () => {
    expect(retryHintMs(status(429, { "retry-after": "soon" }), NOW)).toBeNull();
    expect(retryHintMs(status(429, { "retry-after-ms": "-5" }), NOW)).toBeNull();
    expect(retryHintMs(status(429, {}, "<html>busy</html>"), NOW)).toBeNull();
    expect(retryHintMs(status(429, {}, JSON.stringify({ error: { details: [{ "@type": "x.RetryInfo", retryDelay: "7 minutes" }] } })), NOW)).toBeNull();
    expect(retryHintMs(status(429, { "retry-after": ["3", "9"] as unknown as string }), NOW)).toBe(3_000);
    expect(retryHintMs({ kind: "network" }, NOW)).toBeNull();
  });
});

describe("deciding a retry", () => {
  const settings = { ...DEFAULT_RETRY, attempts: 2, baseMs: 100, maxMs: 1_000, maxRetryAfterMs: 5_000 };
  const context = { afterFirstByte: false, random: () => 0.5, now: NOW };

  it("retries with jittered backoff until the attempts are spent", () => {
    expect(decideRetry(status(503), 0, settings, context)).toEqual({ retry: true, delayMs: 50, hinted: false });
    expect(decideRetry(status(503), 1, settings, context)).toEqual({ retry: true, delayMs: 100, hinted: false });
    expect(decideRetry(status(503), 2, settings, context)).toEqual({ retry: false, reason: "attempts_spent" });
  });

  it("waits exactly as long as the provider asks, up to the cap, and gives the target up beyond it", () => {
    expect(decideRetry(status(429, { "retry-after": "5" }), 0, settings, context)).toEqual({ retry: true, delayMs: 5_000, hinted: true });
    expect(decideRetry(status(429, { "retry-after": "6" }), 0, settings, context)).toEqual({ retry: false, reason: "hint_too_long" });
  });

  it("does not retry a refusal, or anything after the first byte", () => {
    expect(decideRetry(status(400), 0, settings, context)).toEqual({ retry: false, reason: "not_retryable" });
    expect(decideRetry(status(503), 0, settings, { ...context, afterFirstByte: true })).toEqual({ retry: false, reason: "after_first_byte" });
    expect(decideRetry(status(503), 0, { ...settings, attempts: 0 }, context)).toEqual({ retry: false, reason: "attempts_spent" });
  });
});
