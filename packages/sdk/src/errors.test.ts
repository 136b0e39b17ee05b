import { describe, expect, it } from "vitest";
import {
  errorFromResponse,
  errorFromStreamEvent,
  IgrisAuthError,
  IgrisConflictError,
  IgrisError,
  IgrisPolicyDeniedError,
  IgrisRateLimitError,
  IgrisValidationError,
  parseErrorBody,
  parseRetryAfter,
} from "./errors.js";

const body = (type: string, code: string | null = null, extra: Record<string, unknown> = {}) => ({ error: { message: `a ${type}`, type, param: null, code, ...extra } });
const headers = (h: Record<string, string> = {}) => new Headers({ "x-igris-request-id": "req_1", ...h });

describe("error mapping", () => {
  it.each([
    [400, IgrisValidationError],
    [401, IgrisAuthError],
    [403, IgrisPolicyDeniedError],
    [409, IgrisConflictError],
    [422, IgrisValidationError],
    [429, IgrisRateLimitError],
    [404, IgrisError],
    [500, IgrisError],
    [502, IgrisError],
  ])("maps status %i to its class, every one an IgrisError", (status, ErrorClass) => {
    const err = errorFromResponse(status, body("some_error", "some_code"), headers());
    expect(err).toBeInstanceOf(ErrorClass);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err.constructor).toBe(ErrorClass);
    expect(err.name).toBe(ErrorClass.name);
    expect(err).toMatchObject({ status, type: "some_error", code: "some_code", requestId: "req_1" });
    expect(err.response).toEqual(body("some_error", "some_code"));
    expect(err.message).toBe(`${status} a some_error`);
  });

  it("names the field at fault and the rule that denied", () => {
    const invalid = errorFromResponse(422, { error: { message: "bad", type: "invalid_request_error", param: "models.1", code: "validation_error" } }, headers());
    expect(invalid.param).toBe("models.1");
    const denied = errorFromResponse(403, body("policy_denied", "policy_denied", { rule_id: "no-gpt-4" }), headers()) as IgrisPolicyDeniedError;
    expect(denied.ruleId).toBe("no-gpt-4");
    const limited = errorFromResponse(429, body("rate_limit_error", "rate_limit_exceeded", { rule_id: "3-a-minute" }), headers({ "retry-after": "12" })) as IgrisRateLimitError;
    expect(limited).toMatchObject({ retryAfter: 12, ruleId: "3-a-minute" });
  });

  it("leaves retryAfter null when the 429 has no Retry-After", () => {
    expect((errorFromResponse(429, body("rate_limit_error"), headers()) as IgrisRateLimitError).retryAfter).toBeNull();
  });

  it("keeps a body that is not JSON as text, and copes with none", () => {
    const html = parseErrorBody("<html>Bad gateway</html>");
    expect(html).toBe("<html>Bad gateway</html>");
    const err = errorFromResponse(502, html, headers());
    expect(err).toMatchObject({ status: 502, type: null, code: null, message: "502 <html>Bad gateway</html>" });
    expect(errorFromResponse(503, parseErrorBody(""), new Headers())).toMatchObject({ response: null, message: "503 status code (no body)", requestId: null });
    expect(parseErrorBody('{"detail":"not the error shape"}')).toBe('{"detail":"not the error shape"}');
  });

  it("types an error event inside a 200 stream by its type, with no status", () => {
    expect(errorFromStreamEvent(body("policy_denied", "content_guard_response"), null)).toBeInstanceOf(IgrisPolicyDeniedError);
    const broken = errorFromStreamEvent(body("api_error", "upstream_stream_interrupted"), headers());
    expect(broken.constructor).toBe(IgrisError);
    expect(broken).toMatchObject({ status: null, code: "upstream_stream_interrupted", requestId: "req_1" });
  });

  it("carries the cause and the SDK's own code when there is no body", () => {
    const cause = new TypeError("fetch failed");
    const err = new IgrisError("network", { code: "network_error", cause });
    expect(err).toMatchObject({ status: null, response: null, code: "network_error", cause });
  });
});

describe("Retry-After", () => {
  it("reads delta-seconds, rounding fractions up", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter("0.2")).toBe(1);
  });
  it("reads an HTTP date as seconds from now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
  it("is null when absent or unreadable", () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("")).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
