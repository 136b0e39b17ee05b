import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const guard = compileGuard({ detectors: ["phone"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

describe("phone detector", () => {
  it("finds North American numbers in their usual shapes", () => {
    expect(matches("call (555) 123-4567 now")).toEqual(["(555) 123-4567"]);
    expect(matches("555-123-4567, 555.123.4567 or 555 123 4567")).toEqual(["555-123-4567", "555.123.4567", "555 123 4567"]);
    expect(matches("toll free 1-800-555-0199")).toEqual(["1-800-555-0199"]);
  });

  it("finds international numbers with separators or in full E.164 form", () => {
    expect(matches("London +44 20 7946 0958.")).toEqual(["+44 20 7946 0958"]);
    expect(matches("Berlin +49 (0)30 123456, Paris +33 1 23 45 67 89")).toEqual(["+49 (0)30 123456", "+33 1 23 45 67 89"]);
    expect(matches("tel:+14155552671")).toEqual(["+14155552671"]);
    expect(matches("+1-555-123-4567")).toEqual(["+1-555-123-4567"]);
  });

  it("does not fire on long digit runs, dates, times or versions", () => {
    expect(matches("order 12345678901234 on 2024-01-15 at 12:30:45")).toEqual([]);
    expect(matches("version 1.2.3 and 10.0.19045.3803")).toEqual([]);
  });

  it("does not fire on card numbers or other grouped numbers", () => {
    expect(matches("4111 1111 1111 1111 and 4111-1111-1111-1111")).toEqual([]);
    expect(matches("ISBN 978-3-16-148410-0, account 1234 555-123-4567")).toEqual([]);
  });

  it("does not take signed amounts or short codes for numbers", () => {
    expect(matches("delta +100000000 units, +5, +1000000000")).toEqual([]);
    expect(matches("text +1234 to 555-1234")).toEqual([]);
  });

  it("does not mix separators in the North American form", () => {
    expect(matches("555-123 4567")).toEqual([]);
  });
});
