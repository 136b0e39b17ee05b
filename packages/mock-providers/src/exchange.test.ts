import { describe, expect, it } from "vitest";
import { joinEvents } from "./exchange.js";

describe("joinEvents", () => {
  it("joins text events as text, leaving out the skipped one", () => {
    expect(joinEvents(["a", "b", "c"], 1)).toBe("ac");
    expect(joinEvents(["a", "b"])).toBe("ab");
  });

  it("joins binary events as bytes", () => {
    const joined = joinEvents([Uint8Array.of(1, 2), Uint8Array.of(3)]);
    expect(Buffer.isBuffer(joined) && [...joined]).toEqual([1, 2, 3]);
  });
});
