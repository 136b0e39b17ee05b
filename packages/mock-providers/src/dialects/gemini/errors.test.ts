import { describe, expect, it } from "vitest";
import type { DialectCall } from "../dialect.js";
import { authError, statusError, statusName } from "./errors.js";

const call = (apiPath: string): DialectCall => ({
  operation: "generateContent",
  pathModel: "gemini-x",
  apiPath,
  query: new URLSearchParams(),
  headers: {},
  origin: "http://mock",
});
const studio = call("/v1beta");
const vertex = call("/v1/projects/p/locations/l/publishers/google");
const bodyOf = (reply: ReturnType<typeof authError>) => (reply.kind === "json" ? (reply.body as { error: Record<string, unknown> }).error : undefined);

describe("Gemini errors", () => {
  it("names google.rpc statuses", () => {
    expect([400, 401, 403, 404, 429, 500, 503, 504].map(statusName)).toEqual([
      "INVALID_ARGUMENT",
      "UNAUTHENTICATED",
      "PERMISSION_DENIED",
      "NOT_FOUND",
      "RESOURCE_EXHAUSTED",
      "INTERNAL",
      "UNAVAILABLE",
      "DEADLINE_EXCEEDED",
    ]);
  });

  it("answers a bad credential the way each Google surface does", () => {
    expect(bodyOf(authError(undefined, studio))).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
    expect(bodyOf(authError(undefined, vertex))).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
    expect(bodyOf(authError({ key: "x", via: "bearer" }, vertex))).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
    const badKey = bodyOf(authError({ key: "x", via: "query" }, vertex));
    expect(badKey).toMatchObject({ code: 400, status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID", metadata: { service: "aiplatform.googleapis.com" } }, {}] });
  });

  it("names the model, API version and method in a 404, and the delay in a 429", () => {
    expect(bodyOf(statusError(404, vertex, undefined))?.message).toMatch(/^models\/gemini-x is not found for API version v1, or is not supported for generateContent\./);
    expect(bodyOf(statusError(429, studio, undefined, "12"))?.details).toEqual([{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }]);
    expect(bodyOf(statusError(429, studio, undefined))?.details).toBeUndefined();
  });
});
