import type { IncomingMessage } from "node:http";
import { catalog } from "../catalog/catalog.js";
import { GatewayError, notFound } from "../lib/errors.js";
import { evaluatePolicy, type PolicyDecision } from "../policy/evaluate.js";
import { autoCandidates } from "../routing/auto-candidates.js";
import type { BreakerState } from "../routing/breaker-types.js";
import { type AttemptSettings, targetKeysOf } from "../routing/resolve-targets.js";
import type { SemanticCache } from "../routing/route-schema.js";
import { planAttempts, type SkippedTarget } from "../routing/plan-attempts.js";
import { targetKey } from "../routing/target-key.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import type { DataPlane } from "./handle-call.js";
import { type ChatRequest, ROUTE_SLUG_PREFIX } from "./parse-chat-request.js";
import type { RequestContext } from "./request-context.js";

/** One place a call may go: a virtual key, the model to ask it for, and how to treat failures there. */
export interface CallTarget {
  vk: ResolvedVirtualKey;
  model: string;
  /** A route's (or the automatic choice's) settings; null for a call that names one virtual key. */
  settings: AttemptSettings | null;
  /** The circuit breaker's key, for targets of a route or the automatic choice. */
  targetKey: string | null;
  /** Which policy rule decides calls to this target (`origin:id`, or "default"); undefined when not planned. */
  decidedBy?: string;
}

/** The identity of the rule behind a decision: targets sharing it share guards, limits and logging. */
export function decidingRule(decision: PolicyDecision): string {
  return decision.rule ? `${decision.origin}:${decision.rule.id}` : "default";
}

/**
 * Governance ran for the first target. A fallback target decided by another rule would
 * skip that rule's guards, token caps and limits, so it is left out of this call.
 */
export function governedAlike(targets: readonly CallTarget[], decision: PolicyDecision | null): CallTarget[] {
  if (!decision) return [...targets];
  const governed = decidingRule(decision);
  return targets.filter((t, i) => i === 0 || t.decidedBy === undefined || t.decidedBy === governed);
}

export interface TargetPlan {
  targets: CallTarget[];
  /** What the plan is, for errors and the audit: a virtual key, `@route:<name>`, or `auto`. */
  via: string;
  /** The route's response-cache TTL, or null when its answers are not cached. */
  cacheTtlSeconds: number | null;
  /** The route cache's semantic mode, when it has one. */
  semantic?: SemanticCache;
}

/** Settings for the automatic choice: fall back down the list on any retryable failure, no retries per provider. */
const AUTO_SETTINGS: AttemptSettings = {
  retry: { attempts: 0, baseMs: 200, maxMs: 5_000, maxRetryAfterMs: 10_000 },
  timeouts: { connectMs: 10_000, firstByteMs: 300_000, idleMs: 60_000, totalMs: 600_000 },
  fallbackOn: [408, 409, 429, "5xx", "network", "timeout"],
  overrideParams: {},
};

/**
 * The targets of a call, in the order to try them. A virtual key alone is one target
 * (unless a route is attached to it); `@route:<name>` and a plain model are planned by
 * the routing module: strategies, open breakers skipped, the catalogue's prices and
 * recent latency. Targets the caller's API key or the policy would refuse are left out.
 */
export function planTargets(plane: DataPlane, ctx: RequestContext, call: ChatRequest, req: IncomingMessage): TargetPlan | Promise<TargetPlan> {
  const org = ctx.orgId;
  if (call.slug !== "" && !call.slug.startsWith(ROUTE_SLUG_PREFIX)) {
    const vk = plane.snapshot.virtualKey(org, call.slug);
    if (!vk) throw notFound(`Virtual key "${call.slug}" does not exist.`, "virtual_key_not_found");
    const attached = plane.snapshot.routes.routeForVirtualKey(org, vk.slug);
    if (!attached) return { targets: [{ vk, model: call.model, settings: null, targetKey: null }], via: vk.slug, cacheTtlSeconds: vk.cacheTtlSeconds ?? null };
    const routed = planRoute(plane, ctx, attached.name, call.model);
    // The route's own cache wins; without one, the virtual key's TTL applies to its routed calls too.
    return routed.then((p) => (p.cacheTtlSeconds === null && vk.cacheTtlSeconds ? { ...p, cacheTtlSeconds: vk.cacheTtlSeconds } : p));
  }
  if (call.slug.startsWith(ROUTE_SLUG_PREFIX)) return planRoute(plane, ctx, call.slug.slice(ROUTE_SLUG_PREFIX.length), call.model || null);
  return planAuto(plane, ctx, call.model, pinnedProvider(req));
}

async function planRoute(plane: DataPlane, ctx: RequestContext, name: string, model: string | null): Promise<TargetPlan> {
  const route = plane.snapshot.routes.route(ctx.orgId, name);
  if (!route) throw notFound(`Route "${name}" does not exist.`, "route_not_found");
  const env = { orgId: ctx.orgId, requestModel: model, virtualKey: (slug: string) => plane.snapshot.virtualKey(ctx.orgId, slug) };
  const states = await breakerStates(plane, targetKeysOf(route, env));
  const plan = planAttempts(route, {
    ...env,
    breakerState: (key) => states.get(key) ?? "closed",
    prices: catalog,
    latencyMs: (key) => plane.latency.get(key),
    random: plane.random,
  });
  const targets = plan.attempts.map((a) => ({ vk: plane.snapshot.virtualKey(ctx.orgId, a.virtualKey)!, model: a.model, settings: a, targetKey: a.targetKey }));
  return { targets: permitted(plane, ctx, targets, `route "${name}"`, plan.skipped), via: `${ROUTE_SLUG_PREFIX}${name}`, cacheTtlSeconds: route.cache?.ttlSeconds ?? null, semantic: route.cache?.semantic };
}

async function planAuto(plane: DataPlane, ctx: RequestContext, model: string, pinned: string | null): Promise<TargetPlan> {
  const vks = plane.snapshot.virtualKeysOf(ctx.orgId);
  const keys = vks.map((vk) => targetKey({ orgId: ctx.orgId, virtualKey: vk.slug, provider: vk.provider.slug, model }));
  const states = await breakerStates(plane, keys);
  const plan = autoCandidates({
    orgId: ctx.orgId,
    model,
    catalogue: catalog,
    virtualKeys: vks,
    pinnedProvider: pinned,
    breakerState: (key) => states.get(key) ?? "closed",
    latencyMs: (key) => plane.latency.get(key),
  });
  if (plan.candidates.length === 0 && plan.skipped.length === 0) {
    throw notFound(
      `No virtual key of this organisation serves "${model}"${pinned ? ` through provider ${pinned}` : ""}: name one ("@<virtual-key>/${model}") or add a key for a provider the catalogue lists for it.`,
      "no_provider_for_model",
    );
  }
  const targets = plan.candidates.map((c) => ({ vk: vks.find((v) => v.slug === c.virtualKey)!, model: c.model, settings: AUTO_SETTINGS, targetKey: c.targetKey }));
  const skipped = plan.skipped.map((s) => ({ path: s.virtualKey, virtualKey: s.virtualKey, model, reason: s.reason }));
  return { targets: permitted(plane, ctx, targets, `model "${model}"`, skipped), via: "auto", cacheTtlSeconds: null };
}

/** Leaves out targets the API key's IAM or the policy denies; nothing left is a 503 that says why. */
function permitted(plane: DataPlane, ctx: RequestContext, targets: CallTarget[], what: string, skipped: readonly Pick<SkippedTarget, "virtualKey" | "reason">[]): CallTarget[] {
  const policies = plane.snapshot.policies(ctx.orgId);
  const ok = targets.filter((t) => {
    if (ctx.apiKey!.iam(t.vk.provider.slug, t.model)) return false;
    const input = { model: t.model, endpoint: ctx.endpoint, user: ctx.user, traceId: ctx.traceId, virtualKey: t.vk.slug, provider: t.vk.provider.slug, apiKey: ctx.apiKey!.id, metadata: ctx.metadata };
    const decision = evaluatePolicy(policies.rulesFor(t.vk.slug), policies.defaultAction, input);
    t.decidedBy = decidingRule(decision);
    return decision.action !== "deny";
  });
  // With every target refused by policy, the first one's refusal is the clearer answer: governance gives it.
  if (ok.length === 0 && targets.length > 0) return targets.slice(0, 1);
  if (ok.length === 0) {
    const reasons = skipped.map((s) => `${s.virtualKey}: ${s.reason}`).join(", ");
    throw new GatewayError(503, "api_error", `No target of ${what} can take the call now${reasons ? ` (${reasons})` : ""}.`, "no_target_available");
  }
  return ok;
}

/** Breakers that cannot be read (Redis away) count as closed: the providers' answers beat a 500. */
async function breakerStates(plane: DataPlane, keys: string[]): Promise<Map<string, BreakerState>> {
  try {
    return await plane.breaker.states(keys);
  } catch (err) {
    plane.log.warn({ err: (err as Error).message }, "circuit breakers unavailable; planning as if closed");
    return new Map();
  }
}

function pinnedProvider(req: IncomingMessage): string | null {
  const v = req.headers["x-igris-provider"];
  const value = Array.isArray(v) ? v[0] : v;
  return value ? value.trim().toLowerCase() : null;
}
