import { describe, expect, it } from "vitest";
import { catalog } from "../catalog/catalog.js";
import { blendedPrice, blendedPriceOf } from "./blended-price.js";

const price = (input: number, output: number) => ({ input, output, source: "https://example.com/pricing", checkedAt: "2026-01-01" });

describe("the blended price", () => {
  it("weighs input three to one against output", () => {
    expect(blendedPrice(price(1, 5))).toBe(2);
    // A model cheap on input but dear on output can still rank below one that is even.
    expect(blendedPrice(price(0.5, 4))).toBeLessThan(blendedPrice(price(2, 2)));
  });

  it("reads catalogue prices, and is undefined for a model the catalogue does not price", () => {
    const entry = catalog.models.find((m) => m.price !== null)!;
    expect(blendedPriceOf(catalog, entry.provider, entry.providerModelId)).toBe(blendedPrice(entry.price!));
    expect(blendedPriceOf(catalog, "openai", "no-such-model")).toBeUndefined();
  });
});
