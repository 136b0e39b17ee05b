import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { AuditContent, AuditWriter } from "../audit/writer.js";
import { deferEnd } from "../http/defer-end.js";
import { readBody, sendErrorBody, sendGatewayError } from "../http/respond.js";
import { forbidden, GatewayError, invalidRequest, unauthorized } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import type { LimitStore } from "../limits/index.js";
import type { RequestShape } from "../policy/request-shape.js";
import type { RotationTracker } from "../provider-keys/index.js";
import type { Endpoint } from "../providers/registry.js";
import type { Upstreams } from "../providers/upstream.js";
import type { CircuitBreaker } from "../routing/breaker-types.js";
import type { IdempotencyStore } from "../routing/idempotency-types.js";
import type { LatencyStats } from "../routing/latency-stats.js";
import type { ResponseCache } from "../routing/response-cache-types.js";
import type { SemanticIndex } from "../routing/semantic-index.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { auditRecordFor, type CallResult, failure, outcomeForStatus } from "./call-result.js";
import type { AttemptLog, Dispatch } from "./forward.js";
import { type CallTarget, governedAlike, planTargets, type TargetPlan } from "./plan-targets.js";
import { answerReplay, beginIdempotent, finishIdempotent, type IdempotentCall } from "./replay.js";
import { serve } from "./serve.js";
import { type Governance, govern, settle } from "./govern.js";
import type { ChatRequest } from "./parse-chat-request.js";
import { readIdentityHeaders, type RequestContext } from "./request-context.js";
import { COST_HEADER } from "./upstream-response.js";

/** What the data plane needs from the running gateway. */
export interface DataPlane {
  snapshot: Snapshot;
  upstreams: Upstreams;
  audit: AuditWriter;
  limits: LimitStore;
  log: Logger;
  /** Calls that fail before a key names their organisation are recorded here. */
  defaultOrgId: string;
  /** Output tokens a limit reservation assumes when a request sets no max_tokens. */
  defaultMaxTokens: number;
  /** Per target of routes and the automatic choice: in memory, or shared through Redis. */
  breaker: CircuitBreaker;
  latency: LatencyStats;
  /** Uniform in [0, 1): load balancing and backoff jitter. */
  random: () => number;
  /** Answers of routes with a cache TTL: in memory (LRU bounded by bytes) or in Redis. */
  cache: ResponseCache;
  /** `Idempotency-Key` results: in memory or in Redis. */
  idempotency: IdempotencyStore;
  /** Prompt embeddings of cached answers, for routes whose cache is semantic. */
  semanticIndex: SemanticIndex;
  /** Outcomes of calls made with provider keys, for key rotations in grace. */
  rotations?: RotationTracker;
}

/** Large enough for several base64 images in one request, or a long audio upload. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * One kind of data-plane call: what differs between chat, embeddings, a native route or
 * a media upload. Everything else — keys, governance, forwarding, audit, settling — is
 * the one pipeline in `handleCall`.
 */
export interface CallSpec {
  /** As recorded in the audit trail and matched by policies. */
  endpoint: Endpoint;
  /** What the provider must offer (`supportedEndpoints`), whichever route the call came in on; none for native API shapes. */
  requires: Endpoint | null;
  /** The virtual key named in the path (`/llm/<slug>/…`), or null when the model names it. */
  slug: string | null;
  /** The caller's gateway key as an Authorization header value; native routes also read their SDK's own header. */
  authorization(req: IncomingMessage): string | undefined;
  /** Throws a GatewayError (400) for a body that is not what this call takes. */
  parse(raw: Buffer, slug: string | null, req: IncomingMessage): ChatRequest | Promise<ChatRequest>;
  /** The providers' dialects this call can go to; others are refused before governance. */
  accepts(dialect: string): boolean;
  shape: RequestShape;
  /** Builds the upstream request and the wire its answer comes back in. */
  prepare(ctx: RequestContext, call: ChatRequest, req: IncomingMessage, gov: Governance | null): Dispatch | Promise<Dispatch>;
}

/** Authenticate, resolve the virtual key, govern, forward, relay, audit, settle. */
export async function handleCall(plane: DataPlane, req: IncomingMessage, res: ServerResponse, spec: CallSpec): Promise<void> {
  const ctx: RequestContext = {
    requestId: newId("req"),
    startedAt: Date.now(),
    t0: performance.now(),
    endpoint: spec.endpoint,
    orgId: plane.defaultOrgId,
    apiKey: null,
    user: null,
    traceId: null,
    metadata: null,
    requestedModel: null,
    virtualKey: null,
    upstreamModel: null,
    streamed: false,
    policy: null,
    findings: null,
    responseMetadata: true,
  };
  res.setHeader("x-igris-request-id", ctx.requestId);
  // Refusals and errors cost nothing; an answer sets its own cost.
  res.setHeader(COST_HEADER, "0.000000");
  const held = plane.audit.durability === "sync" ? deferEnd(res) : null;
  let result: CallResult;
  let gov: Governance | null = null;
  let call: ChatRequest | null = null;
  let dispatched = false;
  let attempts: AttemptLog[] | null = null;
  let cache: { status: string; savedMicroUsd: number | null } | null = null;
  // An Idempotency-Key this call holds until its answer is stored or the key released.
  let holding: IdempotentCall | null = null;
  try {
    const admitted = await admit(plane, req, ctx, spec);
    call = admitted.call;
    res.setHeader("x-igris-provider", ctx.virtualKey!.provider.slug);
    gov = await govern(ctx, call.body, plane.snapshot.policies(ctx.orgId), { limits: plane.limits, defaultMaxTokens: plane.defaultMaxTokens, shape: spec.shape });
    const idempotent = req.headers["idempotency-key"] === undefined ? null : await beginIdempotent(plane.idempotency, ctx, call, req, res);
    if (idempotent && "replay" in idempotent) {
      result = answerReplay(res, idempotent.replay);
      cache = { status: "idempotent_replay", savedMicroUsd: null };
    } else {
      dispatched = true;
      holding = idempotent?.run ?? null;
      const plan = { ...admitted.plan, targets: governedAlike(admitted.plan.targets, ctx.policy) };
      const served = await serve(plane, ctx, res, gov, spec, call, req, plan);
      ({ result, attempts, cache } = served);
    }
  } catch (err) {
    result = answerFailure(plane.log, ctx, res, err);
  }
  // Stored or released whatever happened (a refusal after the key was taken must not hold it until it expires);
  // the store's trouble never rewrites the answer the client already has.
  if (holding) {
    await finishIdempotent(plane.idempotency, holding, result).catch((e: unknown) => {
      plane.log.warn({ err: (e as Error).message, requestId: ctx.requestId }, "idempotency result not stored; the key is left to expire");
    });
  }
  const content: AuditContent | null =
    gov?.logContent && call
      ? { record_id: ctx.requestId, org_id: ctx.orgId, prompt: JSON.stringify(promptOf(call.body)), completion: result.completion ?? null }
      : null;
  // The record goes first: it does not depend on settling, which may wait on Redis.
  const record = auditRecordFor(ctx, result);
  if (attempts) record.attempts = JSON.stringify(attempts);
  if (cache) {
    record.cache_status = cache.status;
    record.cost_saved_micro_usd = cache.savedMicroUsd;
  }
  if (held) {
    await plane.audit.writeDurable(record, content).catch((err) => {
      plane.log.error({ err: (err as Error).message, requestId: ctx.requestId }, "audit record not made durable");
    });
    held.release();
  } else {
    plane.audit.write(record, content);
  }
  // Without usage, a call that may have produced output (cut, aborted, timed out) keeps its reservation.
  const mayHaveCost = dispatched && (result.outcome === "failed" || result.outcome === "aborted") && result.errorType !== "upstream_unreachable";
  await settle(plane.limits, gov, mayHaveCost, result.usage, result.cost?.totalMicroUsd ?? null).catch((err) => {
    plane.log.error({ err: (err as Error).message, requestId: ctx.requestId }, "limit settlement failed");
  });
}

/** What the caller sent the model, in whichever field its shape keeps it. */
function promptOf(body: Record<string, unknown>): unknown {
  return body.messages ?? body.contents ?? body.input ?? body.texts ?? body.prompt ?? null;
}

/** Everything before the upstream call; throws a GatewayError for any refusal. */
async function admit(plane: DataPlane, req: IncomingMessage, ctx: RequestContext, spec: CallSpec): Promise<{ call: ChatRequest; targets: CallTarget[]; plan: TargetPlan }> {
  const { token, key, expired } = plane.snapshot.keyFromHeader(spec.authorization(req), ctx.startedAt);
  if (!key) {
    throw unauthorized(token === null ? "Missing API key: send Authorization: Bearer igris_sk_…" : expired ? "This API key has expired." : "Invalid or revoked API key.");
  }
  ctx.apiKey = key;
  ctx.orgId = key.orgId;
  // The cost metadata is a field of OpenAI chat answers only.
  ctx.responseMetadata = plane.snapshot.policies(key.orgId).responseMetadata;
  Object.assign(ctx, readIdentityHeaders(req.headers));

  const call = await spec.parse(await readBody(req, MAX_BODY_BYTES), spec.slug, req);
  ctx.requestedModel = call.body.model as string;
  ctx.streamed = call.stream;
  if (ctx.user === null && typeof call.body.user === "string" && call.body.user !== "") ctx.user = call.body.user.slice(0, 256);

  // A plain virtual key is planned without a promise: the hot path pays no microtask for routing it does not use.
  const planned = planTargets(plane, ctx, call, req);
  const plan = planned instanceof Promise ? await planned : planned;
  // A target this call cannot use is left out; with none left, the first one's reason is the answer.
  const usable = plan.targets.filter((t) => refusal(spec, ctx, t) === null);
  const first = usable[0] ?? plan.targets[0]!;
  ctx.virtualKey = first.vk;
  ctx.upstreamModel = first.model;
  const refused = refusal(spec, ctx, first);
  if (refused) throw refused;
  return { call, targets: usable, plan: { ...plan, targets: usable } };
}

function refusal(spec: CallSpec, ctx: RequestContext, target: CallTarget): GatewayError | null {
  const { vk, model } = target;
  if (!vk.enabled) return forbidden(`Virtual key "${vk.slug}" is disabled.`, "virtual_key_disabled");
  if (!vk.allowsModel(model)) return forbidden(`Model "${model}" is not allowed for virtual key "${vk.slug}".`, "model_not_allowed");
  if (!spec.accepts(vk.provider.dialect)) {
    return invalidRequest(`This route does not serve virtual key "${vk.slug}": provider ${vk.provider.slug} speaks the ${vk.provider.dialect} dialect.`, "route_not_for_provider");
  }
  if (spec.requires && !vk.provider.supportedEndpoints.includes(spec.requires)) {
    return invalidRequest(`Provider ${vk.provider.slug} does not offer ${spec.requires}.`, "endpoint_not_supported");
  }
  if (!vk.baseUrl) return new GatewayError(500, "api_error", `Virtual key "${vk.slug}" has no base URL for provider ${vk.provider.slug}.`, "virtual_key_misconfigured");
  return null;
}

function answerFailure(log: Logger, ctx: RequestContext, res: ServerResponse, err: unknown): CallResult {
  if (err instanceof GatewayError) {
    sendGatewayError(res, err);
    return failure(err.status, outcomeForStatus(err.status), err.code ?? err.type, err.message);
  }
  log.error({ err: (err as Error)?.message, requestId: ctx.requestId }, "unexpected error in a data-plane call");
  sendErrorBody(res, 500, { error: { message: "Internal gateway error.", type: "api_error", param: null, code: "internal_error" } });
  return failure(500, "failed", "internal_error", (err as Error)?.message ?? String(err));
}

/** The OpenAI and Cohere SDKs send `Authorization: Bearer <key>`. */
export const authorizationHeader = (req: IncomingMessage): string | undefined => req.headers.authorization;

/**
 * Native SDKs send the key in their provider's header: `x-api-key` (Anthropic),
 * `x-goog-api-key` or `?key=` (Google). Any of them, or a bearer token, is accepted.
 */
export function nativeAuthorization(req: IncomingMessage): string | undefined {
  if (req.headers.authorization) return req.headers.authorization;
  const header = req.headers["x-api-key"] ?? req.headers["x-goog-api-key"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) return `Bearer ${value}`;
  const q = req.url?.indexOf("?") ?? -1;
  const key = q >= 0 ? new URLSearchParams(req.url!.slice(q + 1)).get("key") : null;
  return key ? `Bearer ${key}` : undefined;
}
