import { describe, expect, it } from "vitest";
import { ManualClock } from "./manual-clock.js";

describe("the manual clock", () => {
  it("fires due timers in time order, each seeing its own time, and skips cleared ones", () => {
    const clock = new ManualClock(100);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(["late", clock.now()]), 50);
    clock.setTimeout(() => fired.push(["early", clock.now()]), 10);
    const cleared = clock.setTimeout(() => fired.push(["cleared", clock.now()]), 20);
    clock.clearTimeout(cleared);
    clock.advance(30);
    expect(fired).toEqual([["early", 110]]);
    expect(clock.now()).toBe(130);
    clock.advance(30);
    expect(fired).toEqual([["early", 110], ["late", 150]]);
    expect(clock.pending).toBe(0);
  });

  it("runs timers that timers schedule within the same advance", () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 5), 5);
    clock.advance(10);
    expect(fired).toEqual([10]);
  });
});
