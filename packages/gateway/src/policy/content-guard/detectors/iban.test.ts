import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";
import { ibanChecksumValid } from "./iban.js";

const guard = compileGuard({ detectors: ["iban"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

/** An IBAN for `country` and `bban` with correct check digits (ISO 7064: 98 - mod97). */
function iban(country: string, bban: string): string {
  const digits = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return country + String(98 - remainder).padStart(2, "0") + bban;
}
const grouped = (value: string) => value.replace(/(.{4})(?=.)/g, "$1 ");

describe("iban detector", () => {
  it("finds IBANs written compact or in groups of four", () => {
    expect(matches("pay GB82WEST12345698765432 today")).toEqual(["GB82WEST12345698765432"]);
    expect(matches("pay GB82 WEST 1234 5698 7654 32 today")).toEqual(["GB82 WEST 1234 5698 7654 32"]);
    expect(matches("DE89 3704 0044 0532 0130 00.")).toEqual(["DE89 3704 0044 0532 0130 00"]);
  });

  it("knows each country's length", () => {
    for (const value of [iban("NO", "86011117947"), iban("MT", "MALT011000012345MTLCAST001S"), iban("FR", "20041010050500013M02606"), iban("SA", "80000000608010167519")]) {
      expect(matches(`x ${value} y`)).toEqual([value]);
      expect(matches(`x ${grouped(value)} y`)).toEqual([grouped(value)]);
    }
    expect(matches(`x ${iban("DE", "3704004405320130001")} y`)).toEqual([]); // one character too many for DE
    expect(matches(`x ${iban("DE", "37040044053201300")} y`)).toEqual([]); // one too few
  });

  it("rejects a wrong check digit or an unknown country", () => {
    expect(ibanChecksumValid("GB82WEST12345698765432")).toBe(true);
    expect(matches("GB83WEST12345698765432 GB82WEST12345698765433")).toEqual([]);
    expect(matches(`${iban("ZZ", "WEST12345698765432")}`)).toEqual([]);
  });

  it("does not fire on IBAN-shaped text inside longer tokens or with uneven grouping", () => {
    expect(matches("XGB82WEST12345698765432 GB82WEST12345698765432X")).toEqual([]);
    expect(matches("GB82 WEST1234 5698 7654 32")).toEqual([]);
  });
});
