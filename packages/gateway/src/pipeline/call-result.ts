import type { AuditRecord } from "../audit/writer.js";
import type { Cost } from "../catalog/cost.js";
import type { Usage } from "../providers/usage.js";
import type { RequestContext } from "./request-context.js";

/** How a call ended, in the audit trail's words. */
export type Outcome = "success" | "denied" | "rejected" | "upstream_error" | "failed" | "aborted";

export interface CallResult {
  status: number;
  outcome: Outcome;
  usage: Usage | null;
  /** null when the price or the usage is unknown: never a made-up 0. */
  cost: Cost | null;
  ttftMs: number | null;
  errorType: string | null;
  errorMessage: string | null;
  /** The answer's text as the client received it, when content logging asked for it. */
  completion?: string | null;
}

/** The status recorded for a call the client walked away from (no response was sent). */
export const CLIENT_CLOSED_REQUEST = 499;

export function failure(status: number, outcome: Outcome, errorType: string, errorMessage: string, usage: Usage | null = null): CallResult {
  return { status, outcome, usage, cost: null, ttftMs: null, errorType, errorMessage };
}

export function outcomeForStatus(status: number): Outcome {
  if (status === 401 || status === 403 || status === 429) return "denied";
  if (status < 500) return "rejected";
  return "failed";
}

export function auditRecordFor(ctx: RequestContext, result: CallResult, now = performance.now()): AuditRecord {
  const vk = ctx.virtualKey;
  return {
    id: ctx.requestId,
    org_id: ctx.orgId,
    created_at: ctx.startedAt,
    api_key_id: ctx.apiKey?.id ?? null,
    virtual_key: vk?.slug ?? null,
    provider: vk?.provider.slug ?? null,
    endpoint: ctx.endpoint,
    requested_model: ctx.requestedModel,
    upstream_model: ctx.upstreamModel,
    user_id: ctx.user,
    trace_id: ctx.traceId,
    metadata: ctx.metadata ? JSON.stringify(ctx.metadata) : null,
    status_code: result.status,
    outcome: result.outcome,
    prompt_tokens: result.usage?.promptTokens ?? null,
    completion_tokens: result.usage?.completionTokens ?? null,
    cached_tokens: result.usage?.cachedTokens ?? null,
    cache_write_tokens: result.usage?.cacheWriteTokens ?? null,
    reasoning_tokens: result.usage?.reasoningTokens ?? null,
    cost_micro_usd: result.cost?.totalMicroUsd ?? null,
    input_cost_micro_usd: result.cost?.inputMicroUsd ?? null,
    output_cost_micro_usd: result.cost?.outputMicroUsd ?? null,
    latency_ms: Math.round(now - ctx.t0),
    ttft_ms: result.ttftMs,
    streamed: ctx.streamed ? 1 : 0,
    error_type: result.errorType,
    error_message: result.errorMessage,
    policy_action: ctx.policy?.action ?? null,
    policy_rule_id: ctx.policy?.rule?.id ?? null,
    policy_alerts: ctx.policy && ctx.policy.alerts.length > 0 ? JSON.stringify(ctx.policy.alerts) : null,
    guard_findings: ctx.findings && Object.keys(ctx.findings).length > 0 ? JSON.stringify(ctx.findings) : null,
  };
}
