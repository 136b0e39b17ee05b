import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const guard = compileGuard({ detectors: ["email"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

describe("email detector", () => {
  it("finds ordinary addresses, with tags, subdomains and upper case", () => {
    expect(matches("write to john.doe@example.com today")).toEqual(["john.doe@example.com"]);
    expect(matches("<Jane.Roe+billing@Mail.Example.CO.UK>")).toEqual(["Jane.Roe+billing@Mail.Example.CO.UK"]);
    expect(matches("mailto:ops_team@corp-internal.io, cc a@b.co.")).toEqual(["ops_team@corp-internal.io", "a@b.co"]);
  });

  it("leaves a sentence's final dot outside the address", () => {
    expect(matches("Contact me at me@example.org.")).toEqual(["me@example.org"]);
  });

  it("skips leading dots and doubled dots rather than swallowing them", () => {
    expect(matches("...john@example.com")).toEqual(["john@example.com"]);
    expect(matches("a..b@example.com")).toEqual(["b@example.com"]);
  });

  it("does not fire on handles, decorators, package versions or hosts without a TLD", () => {
    expect(matches("ping @alice and use @Component() with lodash@4.17.21")).toEqual([]);
    expect(matches("root@localhost and user@host")).toEqual([]);
    expect(matches("a@b.c and x@example.123")).toEqual([]);
  });

  it("does not take retina asset names for addresses", () => {
    expect(matches("icon@2x.png logo@3x.webp styles@1x.css")).toEqual([]);
  });

  it("rejects an address glued to more domain text", () => {
    expect(matches("user@example.com-foo")).toEqual([]);
  });
});
