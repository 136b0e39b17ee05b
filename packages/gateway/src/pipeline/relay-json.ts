import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { sendErrorBody } from "../http/respond.js";
import { chatResponseTexts, countFindings, redactChatResponse } from "../policy/content-guard/index.js";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import type { CallResult } from "./call-result.js";
import { addFindings, type Governance } from "./govern.js";
import type { RequestContext } from "./request-context.js";
import { COST_HEADER, costValue, forwardedHeaders, priceCall, relayUpstreamError } from "./upstream-response.js";
import { withMetadata } from "./response-metadata.js";

/**
 * A non-streaming answer: read whole (its usage is needed for the cost), then sent on
 * byte for byte.
 */
export async function relayJson(ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, gov: Governance | null = null): Promise<CallResult> {
  const vk = ctx.virtualKey!;
  let body: Buffer = Buffer.from(await upstream.body.arrayBuffer());
  if (upstream.statusCode >= 400) return relayUpstreamError(res, upstream.statusCode, upstream.headers, body, vk);

  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    const message = `Provider ${vk.provider.slug} answered HTTP ${upstream.statusCode} with a body that is not JSON.`;
    sendErrorBody(res, 502, { error: { message, type: "api_error", param: null, code: "upstream_invalid_response" } });
    return { status: 502, outcome: "failed", usage: null, cost: null, ttftMs: null, errorType: "upstream_invalid_response", errorMessage: message };
  }
  if (typeof parsed?.model === "string") ctx.upstreamModel = parsed.model;
  const usage = readOpenAIUsage(parsed?.usage);
  const cost = priceCall(vk, ctx.upstreamModel ?? "", usage);
  const guard = gov?.responseGuard;
  if (guard) {
    if (guard.action === "redact") {
      const redacted = redactChatResponse(parsed, guard.guard);
      if (Object.keys(redacted.counts).length > 0) {
        addFindings(gov.findings, redacted.counts);
        parsed = redacted.body;
        body = Buffer.from(JSON.stringify(parsed), "utf8");
      }
    } else {
      const counts = countFindings(chatResponseTexts(parsed).flatMap((t) => guard.guard.scan(t)));
      addFindings(gov.findings, counts);
      if (guard.action === "deny" && Object.keys(counts).length > 0) {
        // The provider was paid for this answer, so its usage and cost are still recorded.
        const message = `The answer contains content that rule "${guard.ruleId}" does not allow (${Object.keys(counts).join(", ")}).`;
        sendErrorBody(res, 403, { error: { message, type: "policy_denied", param: null, code: "content_guard_response", rule_id: guard.ruleId } }, {
          ...gov.headers,
          [COST_HEADER]: costValue(cost),
        });
        return { status: 403, outcome: "denied", usage, cost, ttftMs: null, errorType: "content_guard_response", errorMessage: message };
      }
    }
  }
  if (ctx.responseMetadata) body = withMetadata(body, parsed, vk.provider.slug, usage, cost);
  res.writeHead(upstream.statusCode, {
    ...gov?.headers,
    ...forwardedHeaders(upstream.headers),
    [COST_HEADER]: costValue(cost),
    "content-type": "application/json",
    "content-length": body.length,
  });
  res.end(body);
  const completion = gov?.logContent ? chatResponseTexts(parsed).join("\n") : null;
  return { status: upstream.statusCode, outcome: "success", usage, cost, ttftMs: null, errorType: null, errorMessage: null, completion };
}
