import { describe, expect, it } from "vitest";
import { compileGuard } from "./compile-guard.js";
import { ContentGuardError } from "./content-guard-error.js";

const matches = (keyword: string, text: string) =>
  compileGuard({ detectors: [`keyword:${keyword}`] })
    .scan(text)
    .map((f) => text.slice(f.start, f.end));

describe("keyword detector", () => {
  it("matches a whole word, case-insensitively", () => {
    expect(matches("titan", "Titan, TITAN and titan.")).toEqual(["Titan", "TITAN", "titan"]);
    expect(matches("titan", "titanic and subtitan")).toEqual([]);
  });

  it("treats hyphens as word boundaries but extends a trailing * over them", () => {
    expect(matches("titan", "super-titan")).toEqual(["titan"]);
    expect(matches("project-titan*", "Project-Titan-2 and project-titan and myproject-titan")).toEqual(["Project-Titan-2", "project-titan"]);
  });

  it("lets a * at either end take the rest of the token", () => {
    expect(matches("*confidential*", "Strictly-Confidential, confidentiality, CONFIDENTIAL.")).toEqual(["Strictly-Confidential", "confidentiality", "CONFIDENTIAL"]);
    expect(matches("titan*", "titanic titan-x")).toEqual(["titanic", "titan-x"]);
  });

  it("supports a wildcard in the middle", () => {
    expect(matches("proj*titan", "proj-alpha-titan projtitan proj titan")).toEqual(["proj-alpha-titan", "projtitan"]);
  });

  it("matches a phrase across any short run of whitespace", () => {
    expect(matches("project titan", "Project  Titan and project\ntitan, projecttitan")).toEqual(["Project  Titan", "project\ntitan"]);
  });

  it("matches non-ASCII words and treats regex characters literally", () => {
    expect(matches("geheim*", "Das ist GEHEIMSACHE")).toEqual(["GEHEIMSACHE"]);
    expect(matches("c++", "we use C++ and c+")).toEqual(["C++"]);
    expect(matches("a.b", "a.b axb")).toEqual(["a.b"]);
    expect(matches("𐐀bc", "x 𐐨BC 𐐀bcd")).toEqual(["𐐨BC"]); // astral letters fold and bound words too
  });

  it("refuses a keyword with nothing but wildcards, or too long", () => {
    expect(() => compileGuard({ detectors: ["keyword:*"] })).toThrow(ContentGuardError);
    expect(() => compileGuard({ detectors: ["keyword:"] })).toThrow(/needs at least one character/);
    expect(() => compileGuard({ detectors: [`keyword:${"a".repeat(201)}`] })).toThrow(/longer than 200/);
  });
});
