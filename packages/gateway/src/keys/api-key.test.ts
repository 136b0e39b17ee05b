import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey, maskApiKey } from "./api-key.js";

describe("gateway API keys", () => {
  it("are prefixed, unique and long", () => {
    const a = generateApiKey();
    expect(a).toMatch(/^igris_sk_[A-Za-z0-9]{32}$/);
    expect(generateApiKey()).not.toBe(a);
  });

  it("are hashed deterministically and masked without revealing the secret part", () => {
    const key = "igris_sk_abcdEFGHijklMNOPqrstUVWXyz012345";
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).toHaveLength(64);
    expect(maskApiKey(key)).toBe("igris_sk_abcd…2345");
    expect(maskApiKey("my-own-admin-key")).toBe("my-o…-key");
  });

  it("reads only well-formed bearer headers", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
