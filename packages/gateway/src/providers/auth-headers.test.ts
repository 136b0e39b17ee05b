import { describe, expect, it } from "vitest";
import { authHeaders } from "./auth-headers.js";

describe("credential headers", () => {
  it("carry the credential the way each auth style expects", () => {
    expect(authHeaders("bearer", "k")).toEqual({ authorization: "Bearer k" });
    expect(authHeaders("x-api-key", "k")).toEqual({ "x-api-key": "k" });
    expect(authHeaders("api-key", "k")).toEqual({ "api-key": "k" });
    expect(authHeaders("x-goog-api-key", "k")).toEqual({ "x-goog-api-key": "k" });
    expect(authHeaders("none", "k")).toEqual({});
  });

  it("refuse styles that need a request-signing step this route does not have", () => {
    expect(() => authHeaders("sigv4", "k")).toThrow(/not supported/);
    expect(() => authHeaders("query-param", "k")).toThrow(/not supported/);
  });
});
