import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { sendErrorBody } from "../http/respond.js";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import type { CallResult } from "./call-result.js";
import type { RequestContext } from "./request-context.js";
import { costHeader, forwardedHeaders, priceCall, relayUpstreamError } from "./upstream-response.js";

/**
 * A non-streaming answer: read whole (its usage is needed for the cost), then sent on
 * byte for byte.
 */
export async function relayJson(ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse): Promise<CallResult> {
  const vk = ctx.virtualKey!;
  const body = Buffer.from(await upstream.body.arrayBuffer());
  if (upstream.statusCode >= 400) return relayUpstreamError(res, upstream.statusCode, upstream.headers, body, vk);

  let parsed: { model?: unknown; usage?: unknown };
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    const message = `Provider ${vk.provider.slug} answered HTTP ${upstream.statusCode} with a body that is not JSON.`;
    sendErrorBody(res, 502, { error: { message, type: "api_error", param: null, code: "upstream_invalid_response" } });
    return { status: 502, outcome: "failed", usage: null, costMicroUsd: null, ttftMs: null, errorType: "upstream_invalid_response", errorMessage: message };
  }
  if (typeof parsed?.model === "string") ctx.upstreamModel = parsed.model;
  const usage = readOpenAIUsage(parsed?.usage);
  const cost = priceCall(vk, ctx.upstreamModel ?? "", usage);
  res.writeHead(upstream.statusCode, {
    ...forwardedHeaders(upstream.headers),
    ...costHeader(cost),
    "content-type": "application/json",
    "content-length": body.length,
  });
  res.end(body);
  return { status: upstream.statusCode, outcome: "success", usage, costMicroUsd: cost, ttftMs: null, errorType: null, errorMessage: null };
}
