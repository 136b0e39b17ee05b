import type { Usage } from "../providers/dialects/openai/usage.js";
import type { ModelPrice } from "./prices.js";

/** Cost of one call in integer micro-USD. Cached input tokens are billed at the cached price. */
export function costMicroUsd(usage: Usage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const nano =
    (usage.promptTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.completionTokens * price.output;
  return Math.round(nano / 1000);
}

/** "0.000123" — the micro-USD amount as a decimal USD string, exact. */
export function formatUsd(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = Math.abs(micro);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}
