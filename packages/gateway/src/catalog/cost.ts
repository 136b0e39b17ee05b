import type { Usage } from "../providers/usage.js";
import type { ModelPrice } from "./schema.js";

export interface Cost {
  /** Integer micro-USD; input + output. */
  totalMicroUsd: number;
  inputMicroUsd: number;
  outputMicroUsd: number;
}

/**
 * The cost of one call from its usage by kind. A price of $P per million tokens is P
 * micro-USD per token. Cache reads, cache writes and reasoning are billed at their own
 * prices where the model has them; a context tier, when the input passes its threshold,
 * prices the whole call.
 */
export function costOf(usage: Usage, price: ModelPrice): Cost {
  const tier = price.tiers?.filter((t) => usage.promptTokens > t.aboveInputTokens).at(-1);
  const input = tier?.input ?? price.input;
  const output = tier?.output ?? price.output;
  const cachedPrice = tier?.cachedInput ?? price.cachedInput ?? input;
  const writePrice = tier?.cacheWrite ?? price.cacheWrite ?? input;
  const write1hPrice = price.cacheWrite1h ?? writePrice;

  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const writes = Math.min(usage.cacheWriteTokens, usage.promptTokens - cached);
  const writes1h = Math.min(usage.cacheWrite1hTokens ?? 0, writes);
  const uncached = usage.promptTokens - cached - writes;
  const reasoning = Math.min(usage.reasoningTokens, usage.completionTokens);

  const inputMicro = uncached * input + cached * cachedPrice + (writes - writes1h) * writePrice + writes1h * write1hPrice;
  const outputMicro = (usage.completionTokens - reasoning) * output + reasoning * (price.reasoning ?? output);
  const inputMicroUsd = Math.round(inputMicro);
  const outputMicroUsd = Math.round(outputMicro);
  return { totalMicroUsd: inputMicroUsd + outputMicroUsd, inputMicroUsd, outputMicroUsd };
}

/** Kept for callers that only need the total. */
export function costMicroUsd(usage: Usage, price: ModelPrice): number {
  return costOf(usage, price).totalMicroUsd;
}

/** "0.000123" — the micro-USD amount as a decimal USD string, exact. */
export function formatUsd(micro: number): string {
  const sign = micro < 0 ? "-" : "";
  const abs = Math.abs(micro);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}
