import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { sendErrorBody, sendGatewayError } from "../http/respond.js";
import { GatewayError } from "../lib/errors.js";
import { countFindings } from "../policy/content-guard/index.js";
import type { CallResult } from "./call-result.js";
import { addFindings, type Governance } from "./govern.js";
import type { RequestContext } from "./request-context.js";
import { withMetadata } from "./response-metadata.js";
import { COST_HEADER, costValue, forwardedHeaders, priceCall } from "./upstream-response.js";
import type { JsonAnswer, Wire } from "./wire.js";

/**
 * A non-streaming answer: read whole (its usage is needed for the cost), then sent on —
 * byte for byte when the wire forwards and nothing had to change.
 */
export async function relayJson(ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, gov: Governance | null, wire: Wire): Promise<CallResult> {
  const vk = ctx.virtualKey!;
  const raw = Buffer.from(await upstream.body.arrayBuffer());
  if (upstream.statusCode >= 400) return wire.error(res, upstream.statusCode, upstream.headers, raw, vk);

  let answer: JsonAnswer;
  try {
    answer = wire.json(JSON.parse(raw.toString("utf8")), raw);
  } catch (err) {
    // A dialect that read a well-formed answer saying the provider failed (Cohere's ERROR) says so itself.
    if (err instanceof GatewayError) {
      sendGatewayError(res, err);
      return { status: err.status, outcome: "failed", usage: null, cost: null, ttftMs: null, errorType: err.code ?? err.type, errorMessage: err.message };
    }
    const message = `Provider ${vk.provider.slug} answered HTTP ${upstream.statusCode} with a body that is not the JSON it should send.`;
    sendErrorBody(res, 502, { error: { message, type: "api_error", param: null, code: "upstream_invalid_response" } });
    return { status: 502, outcome: "failed", usage: null, cost: null, ttftMs: null, errorType: "upstream_invalid_response", errorMessage: message };
  }
  if (answer.model) ctx.upstreamModel = answer.model;
  const { usage } = answer;
  const cost = priceCall(vk, ctx.upstreamModel ?? "", usage);
  let body = answer.body;
  let bytes = answer.bytes;
  const guard = gov?.responseGuard;
  if (guard) {
    if (guard.action === "redact") {
      const redacted = answer.redact(body, guard.guard);
      if (Object.keys(redacted.counts).length > 0) {
        addFindings(gov.findings, redacted.counts);
        body = redacted.body;
        bytes = null;
      }
    } else {
      const counts = countFindings(answer.texts(body).flatMap((t) => guard.guard.scan(t)));
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
  let out = bytes ?? Buffer.from(JSON.stringify(body), "utf8");
  if (ctx.responseMetadata && answer.metadata) out = withMetadata(out, body, vk.provider.slug, usage, cost);
  res.writeHead(upstream.statusCode, {
    // The gateway's own limits win over a provider's headers of the same name: they are the ones the client hits first.
    ...forwardedHeaders(upstream.headers),
    ...gov?.headers,
    [COST_HEADER]: costValue(cost),
    "content-type": "application/json",
    "content-length": out.length,
  });
  res.end(out);
  const completion = gov?.logContent ? answer.texts(body).join("\n") : null;
  return { status: upstream.statusCode, outcome: "success", usage, cost, ttftMs: null, errorType: null, errorMessage: null, completion };
}
