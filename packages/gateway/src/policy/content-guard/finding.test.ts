import { describe, expect, it } from "vitest";
import { addCounts, countFindings, placeholder, redactRange } from "./finding.js";

describe("findings", () => {
  it("count by detector", () => {
    expect(countFindings([])).toEqual({});
    expect(countFindings([{ detector: "email", start: 0, end: 1 }, { detector: "custom:x", start: 2, end: 3 }, { detector: "email", start: 4, end: 5 }])).toEqual({ email: 2, "custom:x": 1 });
    const into = { email: 1 };
    addCounts(into, { email: 2, ipv4: 1 });
    expect(into).toEqual({ email: 3, ipv4: 1 });
  });

  it("are replaced by typed placeholders within a window of the text", () => {
    expect(placeholder("keyword:titan*")).toBe("[REDACTED:keyword:titan*]");
    const findings = [{ detector: "a", start: 12, end: 14 }, { detector: "b", start: 16, end: 18 }];
    // The window "0123456789" starts at absolute offset 10; only [11, 19) is rendered.
    expect(redactRange("0123456789", 10, 11, 19, findings)).toBe("1[REDACTED:a]45[REDACTED:b]8");
  });
});
