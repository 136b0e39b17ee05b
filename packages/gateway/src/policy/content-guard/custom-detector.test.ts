import { describe, expect, it } from "vitest";
import { compileGuard } from "./compile-guard.js";
import { ContentGuardError } from "./content-guard-error.js";
import { CUSTOM_MATCH_MAX, CUSTOM_SLICE } from "./custom-detector.js";

const guardFor = (pattern: string) => compileGuard({ detectors: ["custom:acme-ids"], custom: { "acme-ids": pattern } });

describe("custom detectors", () => {
  it("match the organisation's pattern and report under custom:<name>", () => {
    const text = "tickets ACME-123456 and ACME-42";
    expect(guardFor(String.raw`\bACME-\d{6}\b`).scan(text)).toEqual([{ detector: "custom:acme-ids", start: 8, end: 19 }]);
  });

  it("compile with the unicode flag", () => {
    expect(guardFor(String.raw`\p{Lu}{3}-\d{2}`).scan("id ÄÖÜ-12")).toHaveLength(1);
  });

  it("name an unknown custom detector in the error", () => {
    const attempt = () => compileGuard({ detectors: ["custom:nope"], custom: { other: "x" } });
    expect(attempt).toThrow(ContentGuardError);
    expect(attempt).toThrow(/unknown custom detector "nope"/);
    expect(() => compileGuard({ detectors: ["custom:toString"] })).toThrow(/unknown custom detector/);
  });

  it("reject an invalid pattern with the offending detector attached", () => {
    try {
      guardFor("ACME-(\\d+");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ContentGuardError);
      expect((err as ContentGuardError).detector).toBe("custom:acme-ids");
      expect((err as Error).message).toMatch(/not a valid regular expression/);
    }
  });

  it("cut a long match at the cap and carry on after it", () => {
    const text = "x".repeat(CUSTOM_MATCH_MAX + 10);
    expect(guardFor("x+").scan(text).map((f) => f.end - f.start)).toEqual([CUSTOM_MATCH_MAX, 10]);
  });

  it("find the same matches in a text longer than one slice as a whole-text search would", () => {
    const positions = [5, CUSTOM_SLICE - 320, CUSTOM_SLICE - 3, CUSTOM_SLICE + 1, 2 * CUSTOM_SLICE - 100, 3 * CUSTOM_SLICE + 7];
    let text = "";
    for (const p of positions) text = text.padEnd(p, ".") + "ACME-000123";
    text = text.padEnd(4 * CUSTOM_SLICE, ".");
    const expected = [...text.matchAll(/ACME-\d{6}/g)].map((m) => ({ detector: "custom:acme-ids", start: m.index, end: m.index + 11 }));
    expect(expected).toHaveLength(positions.length);
    expect(guardFor(String.raw`ACME-\d{6}`).scan(text)).toEqual(expected);
  });
});
