import { describe, expect, it } from "vitest";
import { windowBounds, windowLabel } from "./window-bounds.js";

const at = (iso: string) => Date.parse(iso);

describe("fixed UTC windows", () => {
  const instant = at("2025-03-14T15:09:26.535Z");

  it("puts an instant in its UTC minute, hour and day", () => {
    expect(windowBounds("minute", instant)).toEqual({ start: at("2025-03-14T15:09:00Z"), end: at("2025-03-14T15:10:00Z") });
    expect(windowBounds("hour", instant)).toEqual({ start: at("2025-03-14T15:00:00Z"), end: at("2025-03-14T16:00:00Z") });
    expect(windowBounds("day", instant)).toEqual({ start: at("2025-03-14T00:00:00Z"), end: at("2025-03-15T00:00:00Z") });
  });

  it("puts an instant in its calendar month in UTC", () => {
    expect(windowBounds("month", instant)).toEqual({ start: at("2025-03-01T00:00:00Z"), end: at("2025-04-01T00:00:00Z") });
  });

  it("starts a new window exactly at the boundary and not a millisecond before", () => {
    for (const per of ["minute", "hour", "day", "month"] as const) {
      const { end } = windowBounds(per, instant);
      expect(windowBounds(per, end).start).toBe(end);
      expect(windowBounds(per, end - 1).end).toBe(end);
    }
  });

  it("rolls December over into January of the next year", () => {
    expect(windowBounds("month", at("2025-12-31T23:59:59.999Z"))).toEqual({
      start: at("2025-12-01T00:00:00Z"),
      end: at("2026-01-01T00:00:00Z"),
    });
    expect(windowBounds("month", at("2026-01-01T00:00:00Z")).start).toBe(at("2026-01-01T00:00:00Z"));
  });

  it("gives February 29 days in leap years and 28 otherwise, by the Gregorian rules", () => {
    const days = (iso: string) => {
      const { start, end } = windowBounds("month", at(iso));
      return (end - start) / 86_400_000;
    };
    expect(days("2024-02-29T12:00:00Z")).toBe(29);
    expect(days("2025-02-10T00:00:00Z")).toBe(28);
    expect(days("2000-02-10T00:00:00Z")).toBe(29);
    expect(days("2100-02-10T00:00:00Z")).toBe(28);
    expect(windowBounds("day", at("2024-02-29T23:00:00Z")).end).toBe(at("2024-03-01T00:00:00Z"));
  });

  it("ignores the local time zone", () => {
    // 23:30 UTC on the last day of the month is already the next month east of Greenwich.
    expect(windowBounds("month", at("2025-04-30T23:30:00Z")).end).toBe(at("2025-05-01T00:00:00Z"));
    expect(windowBounds("day", at("2025-04-30T23:30:00Z")).start).toBe(at("2025-04-30T00:00:00Z"));
  });

  it("labels each window by its UTC start, at its own precision", () => {
    expect(windowLabel("minute", windowBounds("minute", instant).start)).toBe("2025-03-14T15:09");
    expect(windowLabel("hour", windowBounds("hour", instant).start)).toBe("2025-03-14T15");
    expect(windowLabel("day", windowBounds("day", instant).start)).toBe("2025-03-14");
    expect(windowLabel("month", windowBounds("month", instant).start)).toBe("2025-03");
  });
});

describe("the lifetime window", () => {
  it("spans all time and is labelled once", () => {
    expect(windowBounds("lifetime", Date.UTC(2026, 10, 23))).toEqual({ start: 0, end: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
    expect(windowBounds("lifetime", 0)).toEqual(windowBounds("lifetime", Date.UTC(3000, 0, 1)));
    expect(windowLabel("lifetime", 0)).toBe("all");
  });
});
