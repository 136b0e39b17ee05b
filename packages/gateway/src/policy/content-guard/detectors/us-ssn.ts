import { asciiSet, regexDetector } from "../detector.js";

/**
 * AAA-GG-SSSS, or the same with single spaces, never mixed. Not glued to a word, to another
 * dashed/dotted number ("2024-123-45-6789", "123-45-6789-0"), or to a decimal.
 */
const SSN = /(?<![\w.-]|\d )(\d{3})([- ])(\d\d)\2(\d{4})(?![\w-]|\.\d| \d)/g;

/** Never issued: area 000, 666 or 900-999; group 00; serial 0000. */
function accept(text: string, start: number, end: number): number | null {
  const area = Number(text.slice(start, start + 3));
  const group = text.slice(start + 4, start + 6);
  const serial = text.slice(start + 7, start + 11);
  if (area === 0 || area === 666 || area >= 900 || group === "00" || serial === "0000") return null;
  return end;
}

export const usSsnDetector = regexDetector({
  name: "us_ssn",
  pattern: SSN,
  reach: 11 + 2,
  runChars: asciiSet("0123456789 -."),
  accept,
});
