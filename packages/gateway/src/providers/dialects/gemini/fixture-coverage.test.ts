import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";

/**
 * Every recorded Google body must be replayed by some test of this dialect. Sidecars describe the files;
 * cassettes are the verbatim sources of the extracted `.iN.` files, which the tests replay instead.
 */
describe("recorded Google fixtures", () => {
  it("are each exercised by a test in this folder", () => {
    const dir = wireFixture("google");
    const fixtures = readdirSync(dir).filter((f) => !f.endsWith(".meta.json") && !f.endsWith(".cassette.yaml"));
    const here = fileURLToPath(new URL(".", import.meta.url));
    const tests = readdirSync(here)
      .filter((f) => f.endsWith(".test.ts") && f !== "fixture-coverage.test.ts")
      .map((f) => readFileSync(here + f, "utf8"))
      .join("\n");
    expect(fixtures.length).toBeGreaterThan(40);
    expect(fixtures.filter((f) => !tests.includes(f))).toEqual([]);
  });
});
