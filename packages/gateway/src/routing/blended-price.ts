import type { ModelPrice } from "../catalog/schema.js";

/** Where prices come from; the catalogue (`catalog.price`) is one. */
export interface PriceBook {
  price(provider: string, model: string): ModelPrice | undefined;
}

/**
 * One number to rank models by cost: USD per million tokens at three input tokens for every output token,
 * the usual shape of chat traffic. Context tiers and cache prices are left out: they depend on the request.
 */
export function blendedPrice(price: ModelPrice): number {
  return (3 * price.input + price.output) / 4;
}

/** The blended price of a model through a provider, or undefined when the catalogue does not know it. */
export function blendedPriceOf(prices: PriceBook, provider: string, model: string): number | undefined {
  const price = prices.price(provider, model);
  return price ? blendedPrice(price) : undefined;
}
