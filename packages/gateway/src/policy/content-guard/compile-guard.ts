import { BUILTIN_DETECTORS, DETECTOR_PACKS } from "./builtin-detectors.js";
import { ContentGuardError } from "./content-guard-error.js";
import { customDetector } from "./custom-detector.js";
import type { Detector } from "./detector.js";
import { countFindings, redactRange, type Finding } from "./finding.js";
import { keywordDetector } from "./keyword-detector.js";
import { FindingResolver } from "./resolve-findings.js";

export interface GuardSpec {
  /** Built-in names, "pack:<name>", "custom:<name>", "keyword:<glob>". */
  detectors: string[];
  /** The organisation's custom patterns, name → JavaScript regex source (compiled with the "gu" flags). */
  custom?: Record<string, string>;
}

export interface CompiledGuard {
  /** Resolved names: packs expanded, duplicates removed, in the order given. */
  readonly detectors: readonly string[];
  /**
   * The most text a guard reads from a finding's start to decide it: the longest finding (8 KiB,
   * a private key block) plus look-ahead. A stream never holds back more than this.
   */
  readonly maxMatchLength: number;
  /** Non-overlapping findings sorted by start; where detectors overlap, the earliest start wins, then the longest. */
  scan(text: string): Finding[];
  /** Each finding replaced by "[REDACTED:<detector>]", and how many of each. */
  redact(text: string): { text: string; counts: Record<string, number> };
}

/** The detectors a guard runs, for code in this folder that needs more than the public surface. */
export const guardDetectors = new WeakMap<CompiledGuard, readonly Detector[]>();

/** Compiles a rule's detector list. Throws ContentGuardError for an unknown detector or an unusable custom pattern. */
export function compileGuard(spec: GuardSpec): CompiledGuard {
  const detectors: Detector[] = [];
  const seen = new Set<string>();
  const add = (d: Detector) => {
    if (seen.has(d.name)) return;
    seen.add(d.name);
    detectors.push(d);
  };
  for (const entry of spec.detectors) {
    for (const d of resolveEntry(entry, spec.custom ?? {})) add(d);
  }
  const guard: CompiledGuard = {
    detectors: detectors.map((d) => d.name),
    maxMatchLength: detectors.reduce((max, d) => Math.max(max, d.reach), 0),
    scan(text) {
      const resolver = new FindingResolver(detectors);
      resolver.append(text);
      return resolver.advance(true).findings;
    },
    redact(text) {
      const findings = guard.scan(text);
      if (findings.length === 0) return { text, counts: {} };
      return { text: redactRange(text, 0, 0, text.length, findings), counts: countFindings(findings) };
    },
  };
  guardDetectors.set(guard, detectors);
  return guard;
}

function resolveEntry(entry: string, custom: Record<string, string>): Detector[] {
  const pack = DETECTOR_PACKS.get(entry);
  if (pack !== undefined) return pack.map((name) => BUILTIN_DETECTORS.get(name)!);
  const builtin = BUILTIN_DETECTORS.get(entry);
  if (builtin !== undefined) return [builtin];
  if (entry.startsWith("custom:")) {
    const name = entry.slice("custom:".length);
    if (!Object.hasOwn(custom, name)) throw new ContentGuardError(entry, `unknown custom detector "${name}": the organisation defines no pattern by that name`);
    return [customDetector(name, custom[name]!)];
  }
  if (entry.startsWith("keyword:")) return [keywordDetector(entry.slice("keyword:".length))];
  const known = [...DETECTOR_PACKS.keys(), ...BUILTIN_DETECTORS.keys()].join(", ");
  throw new ContentGuardError(entry, `unknown detector "${entry}"; expected one of ${known}, "custom:<name>" or "keyword:<glob>"`);
}
