import { describe, expect, it } from "vitest";
import { randomAlphanumeric } from "./random-id.js";

describe("randomAlphanumeric", () => {
  it("makes ids of the asked length from letters and digits, different each time", () => {
    const a = randomAlphanumeric(24);
    expect(a).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(randomAlphanumeric(24)).not.toBe(a);
  });
});
