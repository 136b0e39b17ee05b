import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const guard = compileGuard({ detectors: ["us_ssn"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

describe("US SSN detector", () => {
  it("finds AAA-GG-SSSS with dashes or spaces", () => {
    expect(matches("SSN 123-45-6789.")).toEqual(["123-45-6789"]);
    expect(matches("ssn: 123 45 6789, ok")).toEqual(["123 45 6789"]);
  });

  it("rejects numbers never issued", () => {
    expect(matches("000-12-3456 666-12-3456 900-12-3456 999-12-3456 123-00-4567 123-45-0000")).toEqual([]);
  });

  it("does not fire inside longer numbers or with mixed separators", () => {
    expect(matches("2024-123-45-6789 123-45-67890 1123-45-6789 123-45-6789-1")).toEqual([]);
    expect(matches("123-45 6789 and 12 123 45 6789")).toEqual([]);
  });
});
