import { type Cost, formatUsd } from "../catalog/cost.js";
import type { Usage } from "../providers/usage.js";

/**
 * Adds `metadata: { provider, cost_usd, cost_breakdown }` to a non-streaming answer. The
 * provider's bytes are kept as they are and the field is spliced in before the closing
 * brace; only a body that already has a `metadata` field is re-serialised.
 */
export function withMetadata(body: Buffer, parsed: Record<string, unknown>, provider: string, usage: Usage | null, cost: Cost | null): Buffer {
  const metadata = {
    provider,
    cost_usd: cost === null ? null : formatUsd(cost.totalMicroUsd),
    cost_breakdown: {
      input_tokens: usage?.promptTokens ?? null,
      output_tokens: usage?.completionTokens ?? null,
      input_cost: cost === null ? null : formatUsd(cost.inputMicroUsd),
      output_cost: cost === null ? null : formatUsd(cost.outputMicroUsd),
    },
  };
  if (parsed.metadata !== undefined || !parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return Buffer.from(JSON.stringify({ ...parsed, metadata }), "utf8");
  }
  const close = body.lastIndexOf(0x7d); // "}"
  const empty = Object.keys(parsed).length === 0;
  return Buffer.concat([body.subarray(0, close), Buffer.from(`${empty ? "" : ","}"metadata":${JSON.stringify(metadata)}`), body.subarray(close)]);
}
