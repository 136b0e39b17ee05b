import { Hono } from "hono";
import { z } from "zod";
import { formatUsd } from "../catalog/cost.js";
import type { AuditContentRow, AuditRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { instant, parseWith } from "./validate.js";

const AuditListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    cursor: z.string().max(512).optional(),
    virtualKey: z.string().max(64).optional(),
    user: z.string().max(256).optional(),
    model: z.string().max(256).optional(),
    status: z.string().regex(/^(\d{3}|success|denied|rejected|upstream_error|failed|aborted)$/, "must be an HTTP status or an outcome").optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict();

export function presentAuditRecord(row: AuditRow, content?: AuditContentRow) {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    apiKeyId: row.api_key_id,
    virtualKey: row.virtual_key,
    provider: row.provider,
    endpoint: row.endpoint,
    requestedModel: row.requested_model,
    upstreamModel: row.upstream_model,
    user: row.user_id,
    traceId: row.trace_id,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, string>) : null,
    status: row.status_code,
    outcome: row.outcome,
    usage: {
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      cachedTokens: row.cached_tokens,
      cacheWriteTokens: row.cache_write_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costMicroUsd: row.cost_micro_usd,
    costUsd: row.cost_micro_usd === null ? null : formatUsd(row.cost_micro_usd),
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    streamed: row.streamed === 1,
    error: row.error_type === null && row.error_message === null ? null : { type: row.error_type, message: row.error_message },
    policy: {
      action: row.policy_action,
      ruleId: row.policy_rule_id,
      alerts: row.policy_alerts ? (JSON.parse(row.policy_alerts) as string[]) : [],
      guardFindings: row.guard_findings ? (JSON.parse(row.guard_findings) as Record<string, number>) : {},
    },
    attempts: row.attempts ? (JSON.parse(row.attempts) as unknown[]) : null,
    cache: row.cache_status === null ? null : { status: row.cache_status, savedMicroUsd: row.cost_saved_micro_usd },
    // Present only for calls a policy rule marked logContent.
    ...(content ? { content: { prompt: content.prompt === null ? null : JSON.parse(content.prompt), completion: content.completion } } : {}),
  };
}

export function auditRoutes({ store }: AdminServices) {
  const app = new Hono<AdminEnv>();
  app.get("/", async (c) => {
    const q = parseWith(AuditListQuery, c.req.query());
    const orgId = c.get("apiKey").orgId;
    const page = await store.audit.page({ ...q, orgId, fromMs: q.from, toMs: q.to });
    const contents = new Map((await store.policies.contentsFor(orgId, page.rows.map((r) => r.id))).map((row) => [row.record_id, row]));
    return c.json({ data: page.rows.map((row) => presentAuditRecord(row, contents.get(row.id))), nextCursor: page.nextCursor });
  });
  return app;
}
