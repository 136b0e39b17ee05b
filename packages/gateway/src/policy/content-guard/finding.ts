/** Where a detector matched. Never carries the matched text: audit records must not hold the secret they caught. */
export interface Finding {
  /** "email", "custom:acme-ids", "keyword:titan*". */
  detector: string;
  start: number;
  end: number;
}

export function countFindings(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.detector] = (counts[f.detector] ?? 0) + 1;
  return counts;
}

export function addCounts(into: Record<string, number>, more: Record<string, number>): void {
  for (const [detector, n] of Object.entries(more)) into[detector] = (into[detector] ?? 0) + n;
}

export function placeholder(detector: string): string {
  return `[REDACTED:${detector}]`;
}

/**
 * Replaces each finding (sorted, non-overlapping, absolute offsets) inside text[from, to) with its
 * placeholder; `text` starts at absolute offset `base`.
 */
export function redactRange(text: string, base: number, from: number, to: number, findings: readonly Finding[]): string {
  let out = "";
  let at = from;
  for (const f of findings) {
    if (f.end <= from || f.start >= to) continue;
    out += text.slice(at - base, f.start - base) + placeholder(f.detector);
    at = f.end;
  }
  return out + text.slice(at - base, to - base);
}
