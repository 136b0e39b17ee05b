import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const matches = (detector: string, text: string) =>
  compileGuard({ detectors: [detector] })
    .scan(text)
    .map((f) => text.slice(f.start, f.end));

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("aws access key detector", () => {
  it("finds key ids by their type prefix", () => {
    expect(matches("aws_access_key", "id AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A")).toEqual(["AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A"]);
    expect(matches("aws_access_key", '"RoleId": "AROAJ52OTH4H7LEXAMPL"')).toEqual(["AROAJ52OTH4H7LEXAMPL"]);
  });

  it("does not fire on wrong lengths, lower case or prefixes glued to a word", () => {
    expect(matches("aws_access_key", "AKIAIOSFODNN7EXAMPL AKIAIOSFODNN7EXAMPLEX akiaiosfodnn7example XAKIAIOSFODNN7EXAMPLE")).toEqual([]);
    expect(matches("aws_access_key", "AKIDIOSFODNN7EXAMPLE")).toEqual([]);
  });
});

describe("aws secret key detector", () => {
  it("finds a 40-character secret right after a label naming it, covering only the value", () => {
    expect(matches("aws_secret_key", `aws_secret_access_key = ${SECRET}`)).toEqual([SECRET]);
    expect(matches("aws_secret_key", `export AWS_SECRET_ACCESS_KEY=${SECRET}\n`)).toEqual([SECRET]);
    expect(matches("aws_secret_key", `{"SecretAccessKey": "${SECRET}"}`)).toEqual([SECRET]);
    expect(matches("aws_secret_key", `secret: ${SECRET}`)).toEqual([SECRET]);
    expect(matches("aws_secret_key", `aws_secret_key => '${SECRET}'`)).toEqual([SECRET]);
  });

  it("ignores a bare 40-character string: without a label it looks like any hash or id", () => {
    expect(matches("aws_secret_key", `value ${SECRET} here`)).toEqual([]);
    expect(matches("aws_secret_key", "commit da39a3ee5e6b4b0d3255bfef95601890afd80709")).toEqual([]);
  });

  it("does not fire when the label is far away or the value has the wrong length", () => {
    expect(matches("aws_secret_key", `the secret is, as I said before: ${SECRET}`)).toEqual([]);
    expect(matches("aws_secret_key", `secret: ${SECRET.slice(1)}`)).toEqual([]);
    expect(matches("aws_secret_key", `secret: ${SECRET}A`)).toEqual([]);
    expect(matches("aws_secret_key", `secretary: ${SECRET}`)).toEqual([]);
  });
});
