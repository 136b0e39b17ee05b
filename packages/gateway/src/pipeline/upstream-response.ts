import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { type Cost, costOf, formatUsd } from "../catalog/cost.js";
import { findPrice } from "../catalog/prices.js";
import { sendErrorBody } from "../http/respond.js";
import { normaliseUpstreamError } from "../providers/dialects/openai/upstream-error.js";
import type { Usage } from "../providers/dialects/openai/usage.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import { type CallResult, CLIENT_CLOSED_REQUEST, failure } from "./call-result.js";

type UndiciHeaders = Dispatcher.ResponseData["headers"];

/** Upstream headers a client may act on: rate limits and retry hints. */
export function forwardedHeaders(headers: UndiciHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    if (name === "retry-after" || name === "retry-after-ms" || name.startsWith("x-ratelimit-")) {
      const v = headers[name];
      if (v !== undefined) out[name] = Array.isArray(v) ? v.join(", ") : v;
    }
  }
  return out;
}

export function priceCall(vk: ResolvedVirtualKey, model: string, usage: Usage | null): Cost | null {
  if (!usage) return null;
  const price = findPrice(vk.provider.slug, model);
  return price ? costOf(usage, price) : null;
}

export const COST_HEADER = "x-igris-cost-usd";

/** The call's cost as a decimal USD string, or "unknown" when its price or usage is. */
export function costValue(cost: Cost | null): string {
  return cost === null ? "unknown" : formatUsd(cost.totalMicroUsd);
}

/** An upstream non-2xx answer: same status, OpenAI error body, retry hints kept. */
export function relayUpstreamError(res: ServerResponse, status: number, headers: UndiciHeaders, body: Buffer, vk: ResolvedVirtualKey): CallResult {
  const errorBody = normaliseUpstreamError(status, body.toString("utf8"), vk.credential);
  sendErrorBody(res, status, errorBody, forwardedHeaders(headers));
  return failure(status, "upstream_error", errorBody.error.code ?? errorBody.error.type, errorBody.error.message);
}

/** The upstream could not be reached or broke before answering. */
export function relayUnreachable(res: ServerResponse, err: unknown, clientGone: boolean, provider: string, timeoutCode: string | null = null): CallResult {
  if (clientGone) return failure(CLIENT_CLOSED_REQUEST, "aborted", "client_aborted", "The client closed the connection before the answer was complete.");
  const e = err as { code?: string; name?: string; message?: string };
  const status = timeoutCode ? 504 : 502;
  // Each deadline has its own code: connect, first byte, idle between chunks, total.
  const type = timeoutCode ?? "upstream_unreachable";
  const message = timeoutCode
    ? `Provider ${provider} did not answer in time (${timeoutCode.replace(/^upstream_|_timeout$/g, "").replace("_", " ")} timeout).`
    : `Provider ${provider} could not be reached (${e.code ?? e.name ?? "error"}).`;
  sendErrorBody(res, status, { error: { message, type: "api_error", param: null, code: type } });
  return failure(status, "failed", type, message);
}
