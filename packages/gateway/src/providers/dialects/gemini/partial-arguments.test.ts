import { describe, expect, it } from "vitest";
import { PartialArguments, parseJsonPath } from "./partial-arguments.js";

describe("JSON paths of streamed arguments", () => {
  it("reads dotted keys, indexes and quoted keys", () => {
    expect(parseJsonPath("$.location")).toEqual(["location"]);
    expect(parseJsonPath("$.stops[1].name")).toEqual(["stops", 1, "name"]);
    expect(parseJsonPath("$['city name'][\"x\\\"y\"]")).toEqual(["city name", 'x"y']);
    expect(parseJsonPath("$")).toEqual([]);
  });
  it("returns null for what it cannot read", () => {
    expect(parseJsonPath("location")).toBeNull();
    expect(parseJsonPath("$..x")).toBeNull();
    expect(parseJsonPath("$.a[*]")).toBeNull();
  });
});

describe("assembling streamed arguments", () => {
  it("joins a string value continued across items, as Vertex streams it", () => {
    const args = new PartialArguments();
    args.apply([{ jsonPath: "$.location", stringValue: "San ", willContinue: true }]);
    args.apply([{ jsonPath: "$.location", stringValue: "Francisco", willContinue: true }]);
    args.apply([{ jsonPath: "$.location", stringValue: "" }]);
    expect(JSON.parse(args.json())).toEqual({ location: "San Francisco" });
  });
  it("builds nested objects, arrays and typed values", () => {
    const args = new PartialArguments();
    args.apply([
      { jsonPath: "$.trip.stops[0]", stringValue: "Rome" },
      { jsonPath: "$.trip.stops[1]", stringValue: "Paris" },
      { jsonPath: "$.days", numberValue: 3 },
      { jsonPath: "$.flexible", boolValue: true },
      { jsonPath: "$.note", nullValue: "NULL_VALUE" },
      { jsonPath: "$.__proto__", stringValue: "plain key" },
    ]);
    expect(JSON.parse(args.json())).toEqual({ trip: { stops: ["Rome", "Paris"] }, days: 3, flexible: true, note: null, ["__proto__"]: "plain key" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("does not join a new string to one that had ended", () => {
    const args = new PartialArguments();
    args.apply([{ jsonPath: "$.a", stringValue: "x" }, { jsonPath: "$.a", stringValue: "y" }]);
    expect(args.json()).toBe('{"a":"y"}');
  });
  it("starts as {} and refuses a path it cannot place", () => {
    const args = new PartialArguments();
    expect(args.json()).toBe("{}");
    expect(() => args.apply([{ jsonPath: "$[*]", stringValue: "x" }])).toThrow(/unreadable path/);
  });
});
