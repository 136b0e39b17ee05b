import { asciiSet, inSet, isDigit, runUnsettled, WORD, type Detector } from "../detector.js";

/** Luhn (mod-10) check over digit values. */
export function luhnValid(digits: ArrayLike<number>, length = digits.length): boolean {
  let sum = 0;
  for (let i = length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits[i]!;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Whether an issuer gives out numbers of this length starting with these four digits:
 * Visa 4; Mastercard 51-55 and 2221-2720; American Express 34, 37; Discover 6011, 644-649, 65;
 * JCB 3528-3589; Diners Club 300-305, 36, 38; UnionPay 62.
 */
function issuerAllows(head4: number, length: number): boolean {
  const head2 = Math.floor(head4 / 100);
  const head3 = Math.floor(head4 / 10);
  const long = length >= 16; // Discover, JCB, UnionPay: 16-19
  if (head4 >= 4000 && head4 <= 4999) return length === 13 || length === 16 || length === 19;
  if ((head2 >= 51 && head2 <= 55) || (head4 >= 2221 && head4 <= 2720)) return length === 16;
  if (head2 === 34 || head2 === 37) return length === 15;
  if (head4 === 6011 || (head3 >= 644 && head3 <= 649) || head2 === 65) return long;
  if (head4 >= 3528 && head4 <= 3589) return long;
  if ((head3 >= 300 && head3 <= 305) || head2 === 36 || head2 === 38) return length >= 14;
  if (head2 === 62) return long;
  return false;
}

/** A number an issuer could have given out: a known prefix, a length it uses, and a valid Luhn digit. */
export function isPaymentCardNumber(number: string): boolean {
  if (!/^\d{13,19}$/.test(number)) return false;
  const digits = Array.from(number, (c) => c.charCodeAt(0) - 48);
  return issuerAllows(Number(number.slice(0, 4)), digits.length) && luhnValid(digits);
}

/** A digit that does not continue a word or a decimal number ("0.4111…"): where a card number can begin. */
const START = /(?<!\w|\d[.,])\d/g;
const MIN_GROUP = 3;
const MAX_GROUP = 8;
/** 19 digits, 18 separators, and the two characters after that decide the boundary. */
const REACH = 19 + 18 + 2;

/**
 * The longest card number starting at `start`: either one unbroken run of 13–19 digits, or
 * groups of 3–8 digits joined by one kind of single separator (space or dash), ending where a
 * group ends — so a card followed by " 2024" is still found, while a 20-digit run is not a card.
 */
function cardEndAt(text: string, start: number): number | null {
  const digits = DIGIT_BUFFER;
  let count = 0;
  let separator = -1;
  let groups = 0;
  let groupSized = true;
  let best: number | null = null;
  for (let at = start; ; at++) {
    const groupStart = at;
    for (let code = text.charCodeAt(at); isDigit(code); code = text.charCodeAt(++at)) {
      if (count === 19) return best;
      digits[count++] = code - 48;
    }
    groups++;
    groupSized &&= at - groupStart >= MIN_GROUP && at - groupStart <= MAX_GROUP;
    if ((groups === 1 || groupSized) && count >= 13 && endsCleanly(text, at)) {
      const head4 = digits[0]! * 1000 + digits[1]! * 100 + digits[2]! * 10 + digits[3]!;
      if (issuerAllows(head4, count) && luhnValid(digits, count)) best = at;
    }
    const next = text.charCodeAt(at);
    if (!groupSized || (next !== 32 && next !== 45) || !isDigit(text.charCodeAt(at + 1))) return best;
    if (separator !== -1 && next !== separator) return best;
    separator = next;
  }
}

const DIGIT_BUFFER = new Uint8Array(19);

/** Not glued to a word, and not the integer part of a decimal ("…1111.50"). */
function endsCleanly(text: string, end: number): boolean {
  const next = text.charCodeAt(end);
  if (inSet(WORD, next)) return false;
  return !((next === 46 || next === 44) && isDigit(text.charCodeAt(end + 1)));
}

export const paymentCardDetector: Detector = {
  name: "payment_card",
  reach: REACH,
  find(text, from) {
    START.lastIndex = from;
    for (let m = START.exec(text); m !== null; m = START.exec(text)) {
      const end = cardEndAt(text, m.index);
      if (end !== null) return { start: m.index, end };
    }
    return null;
  },
  unsettledFrom: runUnsettled(asciiSet("0123456789 -.,"), REACH),
};
