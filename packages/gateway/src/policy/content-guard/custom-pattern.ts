/**
 * Safety checks for an organisation's own detector patterns. JavaScript regular expressions
 * backtrack, so a pattern like `(a+)+$` can take exponential time on a short input and stall the
 * data plane. Without a linear-time engine the best available is to refuse the constructs that
 * cause it: a repeated group that itself contains an unbounded repetition, and backreferences.
 * Overlapping alternatives under a repetition (`(a|a)*`) are not detected; the per-execution
 * text cap (see custom-detector.ts) bounds what such a pattern can cost.
 */

export const CUSTOM_PATTERN_MAX = 500;

/** A description of what is wrong with the pattern, or null when it is usable. */
export function customPatternProblem(source: string): string | null {
  if (source.length === 0) return "the pattern is empty";
  if (source.length > CUSTOM_PATTERN_MAX) return `the pattern is longer than ${CUSTOM_PATTERN_MAX} characters`;
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, "u");
  } catch (err) {
    return `the pattern is not a valid regular expression: ${(err as Error).message}`;
  }
  if (compiled.test("")) return "the pattern matches empty text";
  return repetitionProblem(source);
}

interface Quantifier {
  length: number;
  max: number;
}

/** The quantifier at `i` ("*", "+", "?", "{n}", "{n,}", "{n,m}", each maybe lazy), or null. */
function quantifierAt(source: string, i: number): Quantifier | null {
  const c = source[i];
  let q: Quantifier | null = null;
  if (c === "*" || c === "+") q = { length: 1, max: Infinity };
  else if (c === "?") q = { length: 1, max: 1 };
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m !== null) q = { length: m[0].length, max: m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]) };
  }
  if (q !== null && source[i + q.length] === "?") q.length++;
  return q;
}

/** Index just past the escape starting at `i` (a backslash). */
function skipEscape(source: string, i: number): number {
  const next = source[i + 1];
  if ((next === "p" || next === "P" || next === "u") && source[i + 2] === "{") {
    const close = source.indexOf("}", i + 3);
    return close === -1 ? source.length : close + 1;
  }
  return i + 2;
}

function repetitionProblem(source: string): string | null {
  /** Per open group: does it contain an unbounded repetition? */
  const unbounded: boolean[] = [false];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atomUnbounded = false;
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (/[1-9]/.test(next) || (next === "k" && source[i + 2] === "<")) return "backreferences are not allowed (they can make matching take exponential time)";
      i = skipEscape(source, i);
    } else if (c === "[") {
      i++;
      while (i < source.length && source[i] !== "]") i = source[i] === "\\" ? skipEscape(source, i) : i + 1;
      i++;
    } else if (c === "(") {
      unbounded.push(false);
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 40));
      i += prefix === null ? 1 : prefix[0].length;
      continue;
    } else if (c === ")") {
      atomUnbounded = unbounded.pop() ?? false;
      const q = quantifierAt(source, i + 1);
      if (q !== null && q.max > 1 && atomUnbounded) {
        return "a repeated group contains an unbounded repetition, as in (a+)+, which can make matching take exponential time; bound the inner one (\\d{1,20} rather than \\d+)";
      }
      i++;
    } else {
      i++;
    }
    const q = quantifierAt(source, i);
    if (q !== null) {
      atomUnbounded ||= q.max === Infinity;
      i += q.length;
    }
    if (atomUnbounded) unbounded[unbounded.length - 1] = true;
  }
  return null;
}

/**
 * The literal text every match must begin with ("ACME-" for `\bACME-\d{6}`), or "" when there is
 * none to be sure of (an alternation anywhere, a class or group first). A stream only has to
 * hold back text that could still become this prefix.
 */
export function literalPrefix(source: string): string {
  if (hasAlternation(source)) return "";
  let i = 0;
  while (source.startsWith("\\b", i)) i += 2; // a word boundary consumes nothing
  let prefix = "";
  while (i < source.length) {
    const c = source[i]!;
    let literal: string;
    let length = 1;
    if (/[\p{L}\p{N} _\-:#@!%&=,;'"<>~`/]/u.test(c)) literal = c;
    else if (c === "\\" && /[.+*?^$|()[\]{}/\\]/.test(source[i + 1] ?? "")) {
      literal = source[i + 1]!;
      length = 2;
    } else break;
    // A quantified character may be absent or repeated: the prefix ends before it.
    if (/[?*+{]/.test(source[i + length] ?? "")) break;
    prefix += literal;
    i += length;
  }
  return prefix;
}

function hasAlternation(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i = skipEscape(source, i) - 1;
    else if (c === "[") {
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i = skipEscape(source, i) - 1;
    } else if (c === "|") return true;
  }
  return false;
}
