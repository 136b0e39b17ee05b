/** A half-open range [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * One kind of sensitive content.
 *
 * Every detector is position-determined: whether a finding starts at position s, and where it
 * ends, depends only on the text from LEFT_CONTEXT characters before s to `reach` characters
 * after it — never on where a search began. That is what lets a stream, which only ever sees a
 * window of the text, reach exactly the one-shot answer.
 */
export interface Detector {
  /** The name findings carry: "email", "custom:acme-ids", "keyword:titan*". */
  readonly name: string;
  /** Most characters after a finding's start that deciding it reads (its length cap plus look-ahead). */
  readonly reach: number;
  /** The first finding that starts at or after `from`, or null. */
  find(text: string, from: number): Span | null;
  /**
   * The earliest position ≥ `from` where a finding could still appear, or change, if more text
   * were appended; `text.length` when none. Returning too early only delays a stream; too late
   * breaks stream/one-shot equality.
   */
  unsettledFrom(text: string, from: number): number;
}

/** Characters before a finding's start that any detector may look at (look-behinds, key labels). */
export const LEFT_CONTEXT = 128;

/** A set of ASCII characters, tested by char code. */
export type AsciiSet = Uint8Array;

export function asciiSet(chars: string): AsciiSet {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

export function inSet(set: AsciiSet, code: number): boolean {
  return code < 128 && set[code] === 1;
}

export const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const ALNUM = `${UPPER_DIGITS}abcdefghijklmnopqrstuvwxyz`;
/** What `\w` means without the unicode flag. */
export const WORD = asciiSet(`${ALNUM}_`);

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Settledness for a detector that reads only a bounded stretch after a start: positions at
 * least `reach` before the end can no longer change.
 */
export function reachUnsettled(reach: number): Detector["unsettledFrom"] {
  return (text, from) => Math.max(from, text.length - reach + 1);
}

export interface RunRule {
  /** The characters a match, and everything deciding it, is made of (plus the one character ending the run). */
  inRun: AsciiSet | ((code: number) => boolean);
  /** Matches begin only where a run begins: the pattern's look-behind refuses a run character before them. */
  startsAtRunStart?: boolean;
  /** The earliest position ≥ floor where a match could still begin, by a cheap necessary condition. */
  earliestStart?: (text: string, floor: number) => number;
}

/**
 * Settledness for a detector whose matches lie inside a run of characters (see RunRule): only the
 * run still open at the end of the text can change. Positions `reach` before the end are settled
 * whatever the run, which bounds a stream's hold-back — and the walk back over the run, so a long
 * run costs each push no more than `reach` (less with the rule's hints).
 */
export function runUnsettled(rule: RunRule | AsciiSet, reach: number): Detector["unsettledFrom"] {
  const { inRun, startsAtRunStart = false, earliestStart } = rule instanceof Uint8Array ? { inRun: rule } : rule;
  const test = typeof inRun === "function" ? inRun : (code: number) => inSet(inRun, code);
  return (text, from) => {
    let floor = Math.max(from, text.length - reach + 1);
    if (earliestStart) floor = Math.max(floor, Math.min(text.length, earliestStart(text, floor)));
    let start = text.length;
    while (start > floor && test(text.charCodeAt(start - 1))) start--;
    // The open run began before the floor: nothing inside it can be a start.
    if (startsAtRunStart && start === floor && start > 0 && test(text.charCodeAt(start - 1))) return text.length;
    return start;
  };
}

export interface RegexDetectorOptions {
  name: string;
  /** Global pattern; a match starts where its finding starts. */
  pattern: RegExp;
  reach: number;
  /** When given, matches lie in runs of these characters (see runUnsettled); otherwise settledness is by reach alone. */
  runChars?: AsciiSet | RunRule;
  /** Checks a candidate; returns the finding's end (possibly shorter), or null to reject it. */
  accept?: (text: string, start: number, end: number) => number | null;
}

/** A detector driven by one regular expression and an optional check of each candidate. */
export function regexDetector(options: RegexDetectorOptions): Detector {
  const { name, pattern, reach, accept } = options;
  if (!pattern.global) throw new Error(`${name}: detector pattern must be global`);
  return {
    name,
    reach,
    find(text, from) {
      pattern.lastIndex = from;
      for (;;) {
        const m = pattern.exec(text);
        if (m === null) return null;
        const start = m.index;
        const end = accept ? accept(text, start, start + m[0].length) : start + m[0].length;
        // A rejected candidate only rules out its own start, so the next try is one step on.
        if (end === null || end === start) pattern.lastIndex = start + 1;
        else return { start, end };
      }
    },
    unsettledFrom: options.runChars ? runUnsettled(options.runChars, reach) : reachUnsettled(reach),
  };
}

/**
 * The first non-empty match at or after `from`. A unicode pattern started inside a surrogate pair
 * steps back to the pair's start; such a match, like an empty one, is stepped over.
 */
export function firstMatch(pattern: RegExp, text: string, from: number): Span | null {
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length > 0 && m.index >= from) return { start: m.index, end: m.index + m[0].length };
    pattern.lastIndex = nextCodePoint(text, m.index);
  }
  return null;
}

export function nextCodePoint(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return index + 2;
  }
  return index + 1;
}
