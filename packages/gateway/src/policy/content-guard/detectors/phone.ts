import { asciiSet, regexDetector } from "../detector.js";

// International: "+", a country code, then digit groups joined by single spaces, dots or
// dashes, the first group optionally in parentheses ("+44 (0)20 7946 0958").
const INTERNATIONAL = String.raw`\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,6}`;
// North American: "(555) 123-4567", "555-123-4567", "555.123.4567", "555 123 4567",
// optionally led by "1-" / "1 ". One separator throughout, so "555-123 4567" is not a number.
const NORTH_AMERICAN = String.raw`(?:1[-. ])?(?:\([2-9]\d\d\) ?\d{3}[-. ]|[2-9]\d\d([-. ])\d{3}\1)\d{4}`;

const PHONE = new RegExp(
  // Not glued to a word, a "+", or a number that continues into this one ("12 555-123-4567").
  String.raw`(?<![\w+]|\d[-. ])(?:${INTERNATIONAL}|${NORTH_AMERICAN})` +
    // …nor running on into more digits or another dotted/dashed group ("555-123-4567-89").
    String.raw`(?!\d|[-.]\d|\(\d)`,
  "g",
);

/** E.164 caps a number at 15 digits; fewer than 8 is a short code or a counter, not a phone. */
function accept(text: string, start: number, end: number): number | null {
  if (text.charCodeAt(start) !== 43 /* + */) return end;
  const digits = text.slice(start + 1, end).replace(/\D/g, "");
  if (digits.length < 8 || digits.length > 15) return null;
  if (/[ .()-]/.test(text.slice(start, end))) return end;
  // Unseparated, "+100000000" is more likely an amount: demand a full-length number that is
  // not one repeated digit, and under +1 the North American shape (area code starts 2-9).
  if (digits.length < 10 || /^\d(\d)\1*$/.test(digits)) return null;
  if (digits.startsWith("1") && !/^1[2-9]\d{9}$/.test(digits)) return null;
  return end;
}

export const phoneDetector = regexDetector({
  name: "phone",
  pattern: PHONE,
  // "+999 (9999)" and six groups of up to five digits with separators, plus the look-ahead.
  reach: 4 + 7 + 6 * 6 + 2,
  runChars: asciiSet("0123456789+()-. "),
  accept,
});
