import { describe, expect, it } from "vitest";
import { reachUnsettled, type Detector, type Span } from "./detector.js";
import { FindingResolver } from "./resolve-findings.js";

/** A detector with fixed candidate spans, for exercising the merge on its own. */
function fixed(name: string, spans: Span[]): Detector {
  return {
    name,
    reach: 10,
    find: (_text, from) => spans.find((s) => s.start >= from) ?? null,
    unsettledFrom: reachUnsettled(10),
  };
}

function resolve(detectors: Detector[], length = 100) {
  const r = new FindingResolver(detectors);
  r.append(" ".repeat(length));
  return r.advance(true).findings.map((f) => `${f.detector}:${f.start}-${f.end}`);
}

describe("resolving findings from several detectors", () => {
  it("keeps the earliest start, then the longest, then the first-listed detector", () => {
    const a = fixed("a", [{ start: 0, end: 5 }, { start: 20, end: 22 }]);
    const b = fixed("b", [{ start: 3, end: 30 }, { start: 20, end: 26 }]);
    expect(resolve([a, b])).toEqual(["a:0-5", "b:20-26"]);
    const c = fixed("c", [{ start: 20, end: 26 }]);
    expect(resolve([b, c])).toEqual(["b:3-30"]);
    expect(resolve([fixed("x", [{ start: 1, end: 4 }]), fixed("y", [{ start: 1, end: 4 }])])).toEqual(["x:1-4"]);
  });

  it("looks for a detector's next match after the finding that beat it, not after its own loser", () => {
    // b's 4-12 loses to a's 2-8; b's 9-11 starts inside its own lost match but after a's end.
    const a = fixed("a", [{ start: 2, end: 8 }]);
    const b = fixed("b", [{ start: 4, end: 12 }, { start: 9, end: 11 }]);
    expect(resolve([a, b])).toEqual(["a:2-8", "b:9-11"]);
  });

  it("commits nothing while a detector could still match earlier in a growing text", () => {
    const late = fixed("late", [{ start: 50, end: 55 }]);
    const r = new FindingResolver([late]);
    r.append(" ".repeat(56));
    // 56 characters: a match at 50 reads up to 60, so it is not yet certain.
    expect(r.advance(false)).toEqual({ findings: [], settled: 47 });
    r.append(" ".repeat(10));
    expect(r.advance(false).findings).toEqual([{ detector: "late", start: 50, end: 55 }]);
  });
});
