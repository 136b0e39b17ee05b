import { costMicroUsd } from "../catalog/cost.js";
import { findPrice } from "../catalog/prices.js";
import { GatewayError } from "../lib/errors.js";
import { type Amounts, type LimitCounter, type LimitStore, rateLimitHeaders, type Reservation } from "../limits/index.js";
import { countFindings } from "../policy/content-guard/index.js";
import type { PolicyInput } from "../policy/conditions.js";
import { CHAT_REQUEST, type RequestShape } from "../policy/request-shape.js";
import { evaluatePolicy, type PolicyDecision } from "../policy/evaluate.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { PolicyRule } from "../policy/rule-schema.js";
import type { Usage } from "../providers/dialects/openai/usage.js";
import type { RequestContext } from "./request-context.js";
import type { ResponseGuard } from "./stream-inspector.js";

/** What governance decided for one call, and what it still owes after the call. */
export interface Governance {
  decision: PolicyDecision;
  /** Detector name → findings, request and response together; never the matched text. */
  findings: Record<string, number>;
  reservation: Reservation | null;
  reserved: Amounts;
  /** x-ratelimit-* headers for the answer. */
  headers: Record<string, string>;
  logContent: boolean;
  /** Set when the deciding rule inspects the answer too. */
  responseGuard: ResponseGuard | null;
}

export interface GovernOptions {
  limits: LimitStore;
  /** What kind of request this is: chat unless said otherwise. */
  shape?: RequestShape;
  /** Output tokens assumed for a reservation when the request sets no max_tokens. */
  defaultMaxTokens: number;
}

/** 403 with the policy error body: `{ error: { type: "policy_denied", code, message, rule_id } }`. */
export function policyDenied(code: string, message: string, ruleId: string | null): GatewayError {
  return new GatewayError(403, "policy_denied", message, code, null, {}, { rule_id: ruleId });
}

/**
 * IAM, then policy rules, then the deciding rule's token guard, content guard and limit.
 * Throws a GatewayError (403 policy_denied, 429) to refuse; may rewrite `body`
 * (max_tokens cap, redaction).
 */
export async function govern(ctx: RequestContext, body: Record<string, unknown>, policies: PolicySet, options: GovernOptions): Promise<Governance> {
  const key = ctx.apiKey!;
  const vk = ctx.virtualKey!;
  const model = ctx.upstreamModel!;
  const refusal = key.iam(vk.provider.slug, model);
  if (refusal) throw policyDenied("api_key_iam", refusal.message, refusal.rule);

  const input: PolicyInput = {
    model,
    endpoint: ctx.endpoint,
    user: ctx.user,
    traceId: ctx.traceId,
    virtualKey: vk.slug,
    provider: vk.provider.slug,
    apiKey: key.id,
    metadata: ctx.metadata,
  };
  const decision = evaluatePolicy(policies.rulesFor(vk.slug), policies.defaultAction, input);
  ctx.policy = decision;
  if (decision.action === "deny") {
    throw decision.rule
      ? policyDenied("policy_denied", `Denied by policy rule "${decision.rule.id}".`, decision.rule.id)
      : policyDenied("default_deny", "No policy rule allows this call, and the organisation denies by default.", null);
  }
  const rule = decision.rule;
  const gov: Governance = { decision, findings: {}, reservation: null, reserved: { requests: 0, tokens: 0, dollars: 0 }, headers: {}, logContent: rule?.logContent === true, responseGuard: null };
  ctx.findings = gov.findings;
  if (!rule) return reserveKeyBudget(ctx, body, gov, options);

  const shape = options.shape ?? CHAT_REQUEST;
  let inputTokens: number | null = null;
  const estimate = () => (inputTokens ??= shape.estimateInput(body));
  applyTokenGuard(rule, body, estimate, shape);
  applyContentGuard(rule, body, policies, gov, shape);
  return reserve(ctx, body, gov, options, rule, estimate);
}

function applyTokenGuard(rule: PolicyRule, body: Record<string, unknown>, estimate: () => number, shape: RequestShape): void {
  const guard = rule.tokenGuard;
  if (!guard) return;
  const requested = shape.producesText ? shape.maxOutput(body) : null;
  if (guard.maxRequestMaxTokens !== undefined && requested !== null && requested > guard.maxRequestMaxTokens) {
    throw policyDenied("max_tokens_too_large", `max_tokens ${requested} is above the ${guard.maxRequestMaxTokens} that rule "${rule.id}" allows.`, rule.id);
  }
  if (guard.maxInputTokens !== undefined && estimate() > guard.maxInputTokens) {
    throw policyDenied("input_too_long", `The input is about ${estimate()} tokens; rule "${rule.id}" allows ${guard.maxInputTokens}.`, rule.id);
  }
  if (shape.producesText && guard.maxOutputTokens !== undefined && (requested === null || requested > guard.maxOutputTokens)) {
    if (shape.capOutput) shape.capOutput(body, guard.maxOutputTokens);
    // Cap whichever field the client used; reasoning models only take max_completion_tokens.
    else body[body.max_completion_tokens !== undefined ? "max_completion_tokens" : "max_tokens"] = guard.maxOutputTokens;
  }
}

function applyContentGuard(rule: PolicyRule, body: Record<string, unknown>, policies: PolicySet, gov: Governance, shape: RequestShape): void {
  const spec = rule.contentGuard;
  if (!spec) return;
  const compiled = policies.guardOf(rule);
  if (!compiled?.guard) throw policyDenied("content_guard_invalid", `Rule "${rule.id}" has a content guard that cannot run: ${compiled?.error ?? "unknown"}.`, rule.id);
  const guard = compiled.guard;
  // Only answers made of text can be inspected; an embedding's are vectors.
  if (spec.inspectResponse && shape.producesText) gov.responseGuard = { guard, action: spec.action, ruleId: rule.id };
  if (spec.action === "redact") {
    const redacted = shape.redact(body, guard);
    addFindings(gov.findings, redacted.counts);
    for (const k of Object.keys(body)) delete body[k];
    Object.assign(body, redacted.body);
    return;
  }
  const counts = countFindings(shape.texts(body).flatMap((t) => guard.scan(t)));
  addFindings(gov.findings, counts);
  if (spec.action === "deny" && Object.keys(counts).length > 0) {
    throw policyDenied("content_guard", `The request contains content that rule "${rule.id}" does not allow (${Object.keys(counts).join(", ")}).`, rule.id);
  }
}

export function addFindings(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [k, n] of Object.entries(counts)) into[k] = (into[k] ?? 0) + n;
}

function scopeValue(ctx: RequestContext, scope: string): string {
  switch (scope) {
    case "org":
      return ctx.orgId;
    case "apiKey":
      return ctx.apiKey!.id;
    case "virtualKey":
      return ctx.virtualKey!.slug;
    case "user":
      return ctx.user ?? "";
    default:
      return ctx.metadata?.[scope.slice("metadata.".length)] ?? "";
  }
}

async function reserve(ctx: RequestContext, body: Record<string, unknown>, gov: Governance, options: GovernOptions, rule: PolicyRule, estimate: () => number): Promise<Governance> {
  const counters: LimitCounter[] = [];
  const limit = rule.limit;
  if (limit) {
    const origin = ctx.policy!.origin === "virtualKey" ? `vk:${ctx.virtualKey!.slug}` : "org";
    const key = `${ctx.orgId}|${origin}:${rule.id}|${limit.scope}=${scopeValue(ctx, limit.scope)}`;
    if (limit.requests !== undefined) counters.push({ key, kind: "requests", max: limit.requests, per: limit.per });
    if (limit.tokens !== undefined) counters.push({ key, kind: "tokens", max: limit.tokens, per: limit.per });
    if (limit.dollars !== undefined) counters.push({ key, kind: "dollars", max: Math.round(limit.dollars * 1_000_000), per: limit.per });
  }
  return reserveCounters(ctx, body, gov, options, counters, estimate, rule.id);
}

function reserveKeyBudget(ctx: RequestContext, body: Record<string, unknown>, gov: Governance, options: GovernOptions): Promise<Governance> {
  const shape = options.shape ?? CHAT_REQUEST;
  let inputTokens: number | null = null;
  return reserveCounters(ctx, body, gov, options, [], () => (inputTokens ??= shape.estimateInput(body)), null);
}

async function reserveCounters(
  ctx: RequestContext,
  body: Record<string, unknown>,
  gov: Governance,
  options: GovernOptions,
  counters: LimitCounter[],
  estimate: () => number,
  ruleId: string | null,
): Promise<Governance> {
  const key = ctx.apiKey!;
  if (key.usageLimitMicroUsd !== null) counters.push({ key: `${ctx.orgId}|apikey-usage:${key.id}`, kind: "dollars", max: key.usageLimitMicroUsd, per: "lifetime" });
  if (counters.length === 0) return gov;

  const needsTokens = counters.some((c) => c.kind !== "requests");
  const tokens = needsTokens ? estimate() + ((options.shape ?? CHAT_REQUEST).maxOutput(body) ?? options.defaultMaxTokens) : 0;
  let dollars = 0;
  if (counters.some((c) => c.kind === "dollars")) {
    const price = findPrice(ctx.virtualKey!.provider.slug, ctx.upstreamModel!);
    if (!price) {
      throw policyDenied("price_unknown", `Model "${ctx.upstreamModel}" has no known price, so its dollar limit cannot be enforced.`, ruleId);
    }
    const input = estimate();
    dollars = costMicroUsd({ promptTokens: input, completionTokens: tokens - input, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 }, price);
  }
  gov.reserved = { requests: 1, tokens, dollars };
  const result = await options.limits.reserve(counters, gov.reserved);
  gov.headers = rateLimitHeaders(result);
  if (!result.ok) {
    const blocked = result.blockedBy.counter;
    const isKeyBudget = blocked.key.includes("|apikey-usage:");
    const message = isKeyBudget
      ? "This API key has spent its usage limit."
      : `Rate limit reached: ${blocked.kind} per ${blocked.per} (rule "${ruleId}"). Try again in ${result.retryAfterSeconds}s.`;
    throw new GatewayError(429, "rate_limit_error", message, isKeyBudget ? "usage_limit_exceeded" : "rate_limit_exceeded", null, gov.headers, {
      rule_id: isKeyBudget ? null : ruleId,
    });
  }
  gov.reservation = result.reservation;
  return gov;
}

/**
 * Settles to what the call used. Known usage wins; without it, a call that may have
 * produced output keeps its reservation, and one that cannot have (refused, upstream
 * error, unreachable) counts only as a request.
 */
export async function settle(limits: LimitStore, gov: Governance | null, mayHaveCost: boolean, usage: Usage | null, costMicro: number | null): Promise<void> {
  if (!gov?.reservation) return;
  let actual: Amounts;
  if (usage) actual = { requests: 1, tokens: usage.promptTokens + usage.completionTokens, dollars: costMicro ?? gov.reserved.dollars };
  else if (mayHaveCost) actual = gov.reserved;
  else actual = { requests: 1, tokens: 0, dollars: 0 };
  await limits.settle(gov.reservation, actual);
}
