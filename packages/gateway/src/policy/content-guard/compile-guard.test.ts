import { describe, expect, it } from "vitest";
import { compileGuard, ContentGuardError } from "./index.js";

describe("compileGuard", () => {
  it("expands packs, keeps the given order and drops duplicates", () => {
    const guard = compileGuard({ detectors: ["email", "pack:pii-default", "keyword:titan", "pack:secrets-default", "email", "keyword:titan"] });
    expect(guard.detectors).toEqual([
      "email", "phone", "payment_card", "iban", "us_ssn", "ipv4", "ipv6",
      "keyword:titan",
      "aws_access_key", "aws_secret_key", "api_key", "private_key", "jwt",
    ]);
  });

  it("refuses an unknown detector or pack, naming it", () => {
    for (const entry of ["passport", "pack:pii", "Email", "regex:x"]) {
      try {
        compileGuard({ detectors: [entry] });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ContentGuardError);
        expect((err as ContentGuardError).detector).toBe(entry);
        expect((err as Error).message).toContain(`"${entry}"`);
      }
    }
  });

  it("bounds the stream look-behind by the longest detector: 8 KiB with the secrets pack", () => {
    expect(compileGuard({ detectors: ["pack:secrets-default"] }).maxMatchLength).toBeGreaterThanOrEqual(8192);
    expect(compileGuard({ detectors: ["pack:secrets-default"] }).maxMatchLength).toBeLessThan(8300);
    expect(compileGuard({ detectors: ["ipv4"] }).maxMatchLength).toBeLessThan(32);
    expect(compileGuard({ detectors: [] }).maxMatchLength).toBe(0);
  });

  it("reports findings by detector and position, never with the matched text", () => {
    const guard = compileGuard({ detectors: ["pack:pii-default"] });
    const findings = guard.scan("mail a@example.com, call 555-123-4567");
    expect(findings).toEqual([
      { detector: "email", start: 5, end: 18 },
      { detector: "phone", start: 25, end: 37 },
    ]);
    expect(JSON.stringify(findings)).not.toContain("example");
  });

  it("redacts with typed placeholders and counts per detector", () => {
    const guard = compileGuard({ detectors: ["pack:pii-default", "keyword:titan*"] });
    expect(guard.redact("a@b.io, b@c.io and Titan-X at 10.0.0.1")).toEqual({
      text: "[REDACTED:email], [REDACTED:email] and [REDACTED:keyword:titan*] at [REDACTED:ipv4]",
      counts: { email: 2, "keyword:titan*": 1, ipv4: 1 },
    });
    expect(guard.redact("nothing here")).toEqual({ text: "nothing here", counts: {} });
  });

  it("resolves overlaps between detectors by the earliest start, then the longest match", () => {
    // The keyword starts inside the address: the address starts first and wins.
    const a = compileGuard({ detectors: ["keyword:example", "email"] });
    expect(a.redact("mail john@example.com").text).toBe("mail [REDACTED:email]");
    // Both start at the same place: the longer one wins whatever the order.
    const b = compileGuard({ detectors: ["keyword:confidential", "email"] });
    expect(b.redact("confidential@corp.com").text).toBe("[REDACTED:email]");
    // The keyword starts first: it wins, and the address it overlaps is not reported.
    const c = compileGuard({ detectors: ["email", "keyword:write john"] });
    expect(c.scan("write john@example.com")).toEqual([{ detector: "keyword:write john", start: 0, end: 10 }]);
  });
});
