import { describe, expect, it } from "vitest";
import { StreamedArguments, cohereToolArguments } from "./tool-arguments.js";

const stream = (fragments: string[]) => {
  const args = new StreamedArguments();
  const sent = fragments.map((f) => args.push(f));
  sent.push(args.end());
  return sent;
};

describe("tool-call arguments", () => {
  it('trap 8: "", "null", null and missing arguments become "{}"', () => {
    expect(cohereToolArguments("")).toBe("{}");
    expect(cohereToolArguments("null")).toBe("{}");
    expect(cohereToolArguments(" null ")).toBe("{}");
    expect(cohereToolArguments(null)).toBe("{}");
    expect(cohereToolArguments(undefined)).toBe("{}");
  });
  it("keeps real arguments as they are", () => {
    expect(cohereToolArguments('{"city":"Paris"}')).toBe('{"city":"Paris"}');
    expect(cohereToolArguments({ city: "Paris" })).toBe('{"city":"Paris"}');
  });
  it("passes streamed fragments on as they arrive", () => {
    expect(stream(['{"', "city", '":"Paris"}'])).toEqual(['{"', "city", '":"Paris"}', ""]);
  });
  it('trap 8: a stream without argument fragments ends with "{}"', () => {
    expect(stream([])).toEqual(["{}"]);
    expect(stream([""])).toEqual(["", "{}"]);
  });
  it('trap 8: streamed "null" is held back and replaced by "{}"', () => {
    expect(stream(["nu", "ll"])).toEqual(["", "", "{}"]);
  });
  it("releases held text once it cannot be null", () => {
    expect(stream([" ", "{}"])).toEqual(["", " {}", ""]);
  });
});
