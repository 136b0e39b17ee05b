import { catalog } from "./catalog.js";
import type { ModelPrice } from "./schema.js";

export type { ModelPrice } from "./schema.js";

/** The price for a model as served by a provider, or undefined when we do not know it. */
export function findPrice(provider: string, model: string): ModelPrice | undefined {
  return catalog.price(provider, model);
}
