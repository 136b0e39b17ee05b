import { ContentGuardError } from "./content-guard-error.js";
import { firstMatch, reachUnsettled, runUnsettled, type Detector } from "./detector.js";

/** What a `*` stands for: up to 64 letters, marks, digits, "_" or "-" (a token, never a space). */
const WILDCARD_SPAN = 64;
const TOKEN = String.raw`[\p{L}\p{M}\p{N}_-]`;
const WILDCARD = `${TOKEN}{0,${WILDCARD_SPAN}}`;
/** A space in a keyword stands for a short run of any whitespace ("project titan" / "project\ntitan"). */
const SPACE_SPAN = 8;
const WORDLIKE = /[\p{L}\p{M}\p{N}_]/u;
const KEYWORD_MAX = 200;

function literal(segment: string): string {
  return segment
    .split(/\s+/)
    .map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"))
    .join(`\\s{1,${SPACE_SPAN}}`);
}

/**
 * `keyword:<glob>`: a case-insensitive word or phrase with `*` wildcards. It matches on word
 * boundaries, except at an end that is a `*` (which extends to the rest of the token).
 */
export function keywordDetector(glob: string): Detector {
  const name = `keyword:${glob}`;
  const segments = glob.split("*");
  const literals = segments.filter((s) => s.trim() !== "");
  if (literals.length === 0) throw new ContentGuardError(name, `keyword "${glob}" needs at least one character besides "*"`);
  if (glob.length > KEYWORD_MAX) throw new ContentGuardError(name, `keyword "${glob.slice(0, 40)}…" is longer than ${KEYWORD_MAX} characters`);
  if (glob !== glob.trim()) throw new ContentGuardError(name, `keyword "${glob}" starts or ends with whitespace`);

  const leadingStar = glob.startsWith("*");
  const codePoints = Array.from(glob);
  const before = !leadingStar && WORDLIKE.test(codePoints[0]!) ? String.raw`(?<![\p{L}\p{M}\p{N}_])` : "";
  const after = !glob.endsWith("*") && WORDLIKE.test(codePoints.at(-1)!) ? String.raw`(?![\p{L}\p{M}\p{N}_])` : "";
  const source = before + segments.map((s) => (s === "" ? "" : literal(s))).join(WILDCARD) + after;

  // Literal characters, whitespace runs at their widest, wildcards at theirs, and the code point after.
  const spaces = glob.match(/\s+/g) ?? [];
  const literalLength = glob.replace(/\*|\s+/g, "").length;
  const reach = literalLength + spaces.length * SPACE_SPAN + (segments.length - 1) * WILDCARD_SPAN + 2;

  const unsettledFrom = settledness(glob, reach);
  if (!leadingStar) {
    const pattern = new RegExp(source, "giu");
    return { name, reach, find: (text, from) => firstMatch(pattern, text, from), unsettledFrom };
  }

  // A leading wildcard makes the pattern try every position; find its first literal instead and
  // try only the starts within a wildcard's span before it. Same leftmost match, far cheaper.
  const anchor = new RegExp(literal(literals[0]!.trim()), "giu");
  const sticky = new RegExp(source, "iuy");
  return {
    name,
    reach,
    find(text, from) {
      let tried = from;
      anchor.lastIndex = from;
      for (let a = anchor.exec(text); a !== null; anchor.lastIndex = a.index + 1, a = anchor.exec(text)) {
        for (let start = Math.max(tried, a.index - WILDCARD_SPAN); start <= a.index; start++) {
          sticky.lastIndex = start;
          const m = sticky.exec(text);
          if (m !== null && m[0].length > 0 && m.index === start) return { start, end: start + m[0].length };
        }
        tried = a.index + 1;
      }
      return null;
    },
    unsettledFrom,
  };
}

/**
 * A keyword without spaces matches only token characters and its own punctuation, so in a stream
 * only the word still arriving is undecided. Surrogates count as in the run: half of an astral
 * letter says nothing yet about the word boundary.
 */
function settledness(glob: string, reach: number): Detector["unsettledFrom"] {
  if (/\s/.test(glob)) return reachUnsettled(reach);
  const punctuation = new Set(Array.from(glob.replace(/\*/g, ""), (c) => c.charCodeAt(0)));
  const token = /[\p{L}\p{M}\p{N}_-]/u;
  return runUnsettled({ inRun: (code) => (code >= 0xd800 && code <= 0xdfff) || punctuation.has(code) || token.test(String.fromCharCode(code)) }, reach);
}
