import { ALNUM, asciiSet, inSet, runUnsettled, UPPER_DIGITS, type Detector } from "../detector.js";
import { IBAN_LENGTHS } from "./iban-lengths.js";

const UPPER_OR_DIGIT = asciiSet(UPPER_DIGITS);
const LETTER_OR_DIGIT = asciiSet(ALNUM);
/** Country code and check digits, not inside a longer word. */
const START = /(?<![A-Za-z0-9])[A-Z]{2}\d\d/g;
/** The longest IBAN (34) written in groups of four, and the character after it. */
const REACH = 34 + 8 + 1;

/** Folds one IBAN character into a running mod-97 remainder ("0"-"9" → 0-9, "A"-"Z" → 10-35). */
function mod97Step(remainder: number, code: number): number {
  const value = code <= 57 ? code - 48 : code - 55;
  return (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
}

/** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
export function ibanChecksumValid(compact: string): boolean {
  let remainder = 0;
  for (let i = 4; i < compact.length + 4; i++) remainder = mod97Step(remainder, compact.charCodeAt(i % compact.length));
  return remainder === 1;
}

/**
 * The end of an IBAN of the country's exact length starting at `start`, written either without
 * spaces or in groups of four separated by single spaces; null when the shape or checksum fails.
 */
function ibanEndAt(text: string, start: number): number | null {
  const length = IBAN_LENGTHS.get(text.slice(start, start + 2));
  if (length === undefined) return null;
  const grouped = text.charCodeAt(start + 4) === 32;
  // The checksum runs over the BBAN first, then the country code and check digits.
  let remainder = 0;
  let at = start + 4;
  for (let n = 4; n < length; n++, at++) {
    if (grouped && n % 4 === 0) {
      if (text.charCodeAt(at) !== 32) return null;
      at++;
    }
    const code = text.charCodeAt(at);
    if (!inSet(UPPER_OR_DIGIT, code)) return null;
    remainder = mod97Step(remainder, code);
  }
  if (inSet(LETTER_OR_DIGIT, text.charCodeAt(at))) return null;
  for (let i = start; i < start + 4; i++) remainder = mod97Step(remainder, text.charCodeAt(i));
  return remainder === 1 ? at : null;
}

export const ibanDetector: Detector = {
  name: "iban",
  reach: REACH,
  find(text, from) {
    START.lastIndex = from;
    for (let m = START.exec(text); m !== null; m = START.exec(text)) {
      const end = ibanEndAt(text, m.index);
      if (end !== null) return { start: m.index, end };
    }
    return null;
  },
  unsettledFrom: runUnsettled(asciiSet(`${UPPER_DIGITS} `), REACH),
};
