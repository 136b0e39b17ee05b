import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";
import { isPaymentCardNumber, luhnValid } from "./payment-card.js";

const guard = compileGuard({ detectors: ["payment_card"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

/** Completes `prefix` to `length` digits with filler and a Luhn check digit. */
function cardNumber(prefix: string, length: number): string {
  const body = prefix.padEnd(length - 1, "7");
  for (let check = 0; check <= 9; check++) if (luhnValid(Array.from(body + check, Number))) return body + check;
  throw new Error("unreachable");
}

describe("payment card detector", () => {
  it("finds Luhn-valid numbers from every listed issuer", () => {
    const numbers = [
      cardNumber("4", 16), cardNumber("4", 13), cardNumber("4", 19), // Visa
      cardNumber("51", 16), cardNumber("55", 16), cardNumber("2221", 16), cardNumber("2720", 16), // Mastercard
      cardNumber("34", 15), cardNumber("37", 15), // Amex
      cardNumber("6011", 16), cardNumber("65", 16), cardNumber("644", 19), cardNumber("649", 16), // Discover
      cardNumber("3528", 16), cardNumber("3589", 19), // JCB
      cardNumber("36", 14), cardNumber("38", 16), cardNumber("300", 14), cardNumber("305", 14), // Diners
      cardNumber("62", 16), cardNumber("62", 19), // UnionPay
    ];
    for (const n of numbers) expect(matches(`pay with ${n} please`), n).toEqual([n]);
  });

  it("finds numbers grouped with single spaces or dashes", () => {
    expect(matches("card 4111 1111 1111 1111, exp 12/29")).toEqual(["4111 1111 1111 1111"]);
    expect(matches("card 5555-5555-5555-4444.")).toEqual(["5555-5555-5555-4444"]);
    expect(matches("amex 3782 822463 10005")).toEqual(["3782 822463 10005"]);
  });

  it("keeps a card found when another number follows it", () => {
    expect(matches("4111 1111 1111 1111 2024")).toEqual(["4111 1111 1111 1111"]);
    expect(matches("ref 12 4111 1111 1111 1111")).toEqual(["4111 1111 1111 1111"]);
  });

  it("does not accept a number that fails the Luhn check", () => {
    expect(matches("4111 1111 1111 1112 and 4111111111111112")).toEqual([]);
  });

  it("does not accept Luhn-valid numbers without an issuer prefix or of the wrong length", () => {
    expect(isPaymentCardNumber(cardNumber("1", 16))).toBe(false);
    expect(isPaymentCardNumber(cardNumber("99", 16))).toBe(false);
    expect(isPaymentCardNumber(cardNumber("4", 15))).toBe(false); // Visa is 13, 16 or 19
    expect(isPaymentCardNumber(cardNumber("34", 16))).toBe(false); // Amex is 15
    expect(matches(`id ${cardNumber("1", 16)}`)).toEqual([]);
  });

  it("does not fire inside longer digit runs, words, decimals or mixed separators", () => {
    const n = cardNumber("4", 16);
    expect(matches(`${n}1 x${n} ${n}abc 0.${n} ${n}.50`)).toEqual([]);
    expect(matches("4111 1111-1111 1111")).toEqual([]);
    expect(matches("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")).toEqual([]);
  });
});
