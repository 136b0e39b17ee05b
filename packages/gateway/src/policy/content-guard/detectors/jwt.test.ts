import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const guard = compileGuard({ detectors: ["jwt"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const token = (header: unknown, payload: unknown, signature = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c") => `${b64(header)}.${b64(payload)}.${signature}`;

describe("jwt detector", () => {
  it("finds signed tokens and unsecured ones with an empty signature", () => {
    const signed = token({ alg: "HS256", typ: "JWT" }, { sub: "1234567890", name: "John Doe", iat: 1516239022 });
    expect(matches(`Authorization: Bearer ${signed}`)).toEqual([signed]);
    const unsecured = token({ alg: "none" }, { sub: "x" }, "");
    expect(matches(`token ${unsecured} end`)).toEqual([unsecured]);
  });

  it("leaves a sentence's final dot outside the token", () => {
    const signed = token({ alg: "RS256" }, { sub: "a" });
    expect(matches(`It was ${signed}.`)).toEqual([signed]);
  });

  it("requires an alg in the header and JSON objects in both leading segments", () => {
    expect(matches(token({ typ: "JWT" }, { sub: "1" }))).toEqual([]);
    expect(matches(token({ alg: "HS256" }, "not json at all"))).toEqual([]);
    expect(matches(token({ alg: "HS256" }, [1, 2, 3]))).toEqual([]);
    expect(matches(`${b64({ alg: "HS256" })}.${b64({ sub: "1" })}`)).toEqual([]);
  });

  it("does not fire on five-segment or longer dotted tokens, nor inside longer words", () => {
    const signed = token({ alg: "HS256" }, { sub: "1" });
    expect(matches(`${signed}.more.segments`)).toEqual([]);
    expect(matches(`x${signed}`)).toEqual([]);
  });
});
