import { LEFT_CONTEXT, type Detector, type Span } from "./detector.js";
import type { Finding } from "./finding.js";

/**
 * Merges several detectors' findings into one non-overlapping, left-to-right list: at the
 * earliest start any detector matches, the longest match wins (ties: the detector listed first),
 * and the next finding is looked for after its end.
 *
 * It works on a window of a text that may still grow, which is what the stream scanner needs;
 * a one-shot scan is the same thing with the whole text and `final` set. Each detector remembers
 * how far it has searched, so a growing window is never searched from its beginning again.
 */
export class FindingResolver {
  private window = "";
  /** Absolute offset of window[0]. */
  private base = 0;
  /** The next finding starts here or later (absolute). */
  private next = 0;
  /** Per detector: its first certain candidate at or after `next`, absolute, or null. */
  private readonly candidate: (Span | null)[];
  /** Per detector without a candidate: no candidate starts in [next, searched). */
  private readonly searched: number[];
  /** Per detector: the window end when it last searched, -1 to force a new search. */
  private readonly searchedAt: number[];
  private finalized = false;

  constructor(private readonly detectors: readonly Detector[]) {
    this.candidate = detectors.map(() => null);
    this.searched = detectors.map(() => 0);
    this.searchedAt = detectors.map(() => -1);
  }

  get end(): number {
    return this.base + this.window.length;
  }

  append(text: string): void {
    if (this.finalized) throw new Error("the text was already finalized");
    this.window += text;
  }

  /** Absolute-offset slice of the retained window. */
  slice(start: number, end: number): string {
    return this.window.slice(start - this.base, end - this.base);
  }

  charCodeAt(position: number): number {
    return this.window.charCodeAt(position - this.base);
  }

  /**
   * Commits every finding that no further text can change. `settled` is the position before
   * which the text is final: no finding still to come starts before it.
   * With `final`, the text is complete and everything is decided.
   */
  advance(final: boolean): { findings: Finding[]; settled: number } {
    if (final && !this.finalized) {
      this.finalized = true;
      this.searchedAt.fill(-1);
    }
    const end = this.end;
    const findings: Finding[] = [];
    for (;;) {
      let best = -1;
      let blocked = end;
      for (let i = 0; i < this.detectors.length; i++) {
        const c = this.refresh(i);
        if (c === null) blocked = Math.min(blocked, this.searched[i]!);
        else if (best < 0 || isBetter(c, this.candidate[best]!)) best = i;
      }
      const c = best < 0 ? null : this.candidate[best]!;
      // A detector that cannot yet rule out a start at or before c's could still win there.
      if (c === null || c.start >= blocked) {
        this.next = Math.max(this.next, blocked);
        return { findings, settled: blocked };
      }
      findings.push({ detector: this.detectors[best]!.name, start: c.start, end: c.end });
      this.next = c.end;
    }
  }

  /** Drops window text that no future search can read: everything LEFT_CONTEXT before `position`. */
  discardBefore(position: number): void {
    const keep = Math.min(position, this.next) - LEFT_CONTEXT;
    if (keep <= this.base) return;
    this.window = this.window.slice(keep - this.base);
    this.base = keep;
  }

  private refresh(i: number): Span | null {
    const end = this.end;
    const cached = this.candidate[i]!;
    if (cached !== null && cached.start >= this.next) return cached;
    if (cached === null && this.searchedAt[i] === end && this.searched[i]! >= this.next) return null;

    const detector = this.detectors[i]!;
    const from = Math.max(this.next, cached === null ? this.searched[i]! : this.next) - this.base;
    const found = detector.find(this.window, from);
    const unsettled = this.finalized ? this.window.length : detector.unsettledFrom(this.window, from);
    this.searchedAt[i] = end;
    if (found !== null && found.start < unsettled) {
      const abs = { start: this.base + found.start, end: this.base + found.end };
      this.candidate[i] = abs;
      this.searched[i] = abs.start;
      return abs;
    }
    this.candidate[i] = null;
    this.searched[i] = this.base + unsettled;
    return null;
  }
}

function isBetter(a: Span, b: Span): boolean {
  return a.start < b.start || (a.start === b.start && a.end > b.end);
}
