import { describe, expect, it } from "vitest";
import { LatencyStats } from "./latency-stats.js";

describe("latency statistics", () => {
  it("start at the first sample and move a fifth of the way towards each new one", () => {
    const stats = new LatencyStats({ clock: () => 0 });
    expect(stats.get("a")).toBeUndefined();
    stats.record("a", 100);
    expect(stats.get("a")).toBe(100);
    stats.record("a", 600);
    expect(stats.get("a")).toBe(200);
    stats.record("a", -5);
    stats.record("a", Number.NaN);
    expect(stats.get("a")).toBe(200);
  });

  it("forget a target with no recent sample, so it is measured afresh", () => {
    let now = 0;
    const stats = new LatencyStats({ staleAfterMs: 1_000, clock: () => now });
    stats.record("a", 900);
    now = 1_000;
    expect(stats.get("a")).toBe(900);
    now = 1_001;
    expect(stats.get("a")).toBeUndefined();
    stats.record("a", 100);
    expect(stats.get("a")).toBe(100);
  });

  it("hold at most maxTargets, dropping the least recently updated", () => {
    const stats = new LatencyStats({ maxTargets: 2, clock: () => 0 });
    stats.record("a", 1);
    stats.record("b", 2);
    stats.record("a", 1);
    stats.record("c", 3);
    expect([stats.get("a"), stats.get("b"), stats.get("c")]).toEqual([1, undefined, 3]);
  });
});
