import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";
import { PRIVATE_KEY_MAX } from "./private-key.js";

const guard = compileGuard({ detectors: ["private_key"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

const body = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\nvCt9BfsDTnYxKzLDmGJQ3LZz+mAbcnDq0bw+0IeT7Grd2TvKuC0hCJ2eZpdUEcY5\n";
const block = (type: string) => `-----BEGIN ${type}PRIVATE KEY-----\n${body}-----END ${type}PRIVATE KEY-----`;

describe("private key detector", () => {
  it("matches whole PEM blocks of every key type", () => {
    for (const type of ["", "RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED "]) {
      expect(matches(`key:\n${block(type)}\nthanks`), type).toEqual([block(type)]);
    }
    const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}=abcd\n-----END PGP PRIVATE KEY BLOCK-----`;
    expect(matches(pgp)).toEqual([pgp]);
  });

  it("matches a truncated paste from BEGIN to the end of the text", () => {
    const text = `why does this fail?\n-----BEGIN RSA PRIVATE KEY-----\n${body}`;
    expect(matches(text)).toEqual([text.slice(text.indexOf("-----BEGIN"))]);
  });

  it("keeps two blocks apart", () => {
    expect(matches(`${block("EC ")}\n\n${block("")}`)).toEqual([block("EC "), block("")]);
  });

  it("caps a block that never ends at 8 KiB", () => {
    const text = `-----BEGIN PRIVATE KEY-----\n${"A".repeat(20_000)}`;
    const findings = guard.scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.start).toBe(0);
    expect(findings[0]!.end).toBeGreaterThan(8000);
    expect(findings[0]!.end).toBeLessThanOrEqual(PRIVATE_KEY_MAX);
  });

  it("does not fire on public keys, certificates or a prose mention", () => {
    expect(matches("-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----")).toEqual([]);
    expect(matches("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).toEqual([]);
    expect(matches("paste your BEGIN RSA PRIVATE KEY block here")).toEqual([]);
  });
});
