import { guardDetectors, type CompiledGuard } from "./compile-guard.js";
import { redactRange, type Finding } from "./finding.js";
import { FindingResolver } from "./resolve-findings.js";

/**
 * Scans text that arrives in deltas (a streamed answer). Each push returns the text that can no
 * longer be part of an undecided finding — redacted in "redact" mode, as received in "detect"
 * mode — and holds back only the tail where a finding may still be forming, never more than the
 * guard's maxMatchLength. The emitted text, joined, is exactly what `redact()` gives for the
 * whole text, however it was split.
 *
 * Detect mode holds back the same way, so a caller that denies on a finding learns of it in the
 * same call that would have emitted it, and can stop before the matched text leaves.
 */
export class StreamScanner {
  private readonly resolver: FindingResolver;
  /** Absolute position up to which text has been returned. */
  private emitted = 0;
  /** Committed findings not yet (fully) emitted. */
  private pending: Finding[] = [];
  private done = false;

  constructor(
    guard: CompiledGuard,
    private readonly mode: "redact" | "detect",
  ) {
    const detectors = guardDetectors.get(guard);
    if (detectors === undefined) throw new Error("StreamScanner needs a guard made by compileGuard()");
    this.resolver = new FindingResolver(detectors);
  }

  /** Findings' offsets are relative to the whole stream. */
  push(delta: string): { emit: string; findings: Finding[] } {
    if (this.done) throw new Error("push() after flush()");
    this.resolver.append(delta);
    return this.release(false);
  }

  /** The stream ended: everything still held back is decided and released. */
  flush(): { emit: string; findings: Finding[] } {
    if (this.done) return { emit: "", findings: [] };
    this.done = true;
    return this.release(true);
  }

  private release(final: boolean): { emit: string; findings: Finding[] } {
    const { findings, settled } = this.resolver.advance(final);
    this.pending.push(...findings);
    let cut = settled;
    if (!final) {
      // Never split a surrogate pair across two emits, nor a finding.
      const last = this.resolver.charCodeAt(cut - 1);
      if (cut > this.emitted && last >= 0xd800 && last <= 0xdbff) cut--;
      for (const f of this.pending) if (f.start < cut && f.end > cut) cut = f.start;
    }
    const emit =
      this.mode === "redact" ? redactRange(this.resolver.slice(this.emitted, cut), this.emitted, this.emitted, cut, this.pending) : this.resolver.slice(this.emitted, cut);
    this.pending = this.pending.filter((f) => f.end > cut);
    this.emitted = cut;
    this.resolver.discardBefore(cut);
    return { emit, findings };
  }
}
