import { describe, expect, it } from "vitest";
import { fnv1a, mulberry32 } from "./seeded-random.js";

describe("seeded randomness", () => {
  it("gives the same numbers for the same seed and different ones otherwise", () => {
    const a = mulberry32(fnv1a("hello"));
    const b = mulberry32(fnv1a("hello"));
    const c = mulberry32(fnv1a("hellp"));
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
