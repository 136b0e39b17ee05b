import { describe, expect, it } from "vitest";
import { bearerToken, headerValue } from "./credentials.js";

describe("credentials", () => {
  it("reads a bearer token in any case of the scheme", () => {
    expect(bearerToken("Bearer sk-1")).toBe("sk-1");
    expect(bearerToken("bearer  sk-2 ")).toBe("sk-2");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it("treats empty and repeated headers as absent", () => {
    expect(headerValue("k")).toBe("k");
    expect(headerValue("")).toBeUndefined();
    expect(headerValue(["a", "b"])).toBeUndefined();
  });
});
