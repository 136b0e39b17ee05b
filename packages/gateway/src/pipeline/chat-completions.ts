import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { AuditContent, AuditWriter } from "../audit/writer.js";
import type { LimitStore } from "../limits/index.js";
import { deferEnd } from "../http/defer-end.js";
import { readBody, sendErrorBody, sendGatewayError } from "../http/respond.js";
import { forbidden, GatewayError, invalidRequest, notFound, unauthorized } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { authHeaders } from "../providers/auth-headers.js";
import { dialectAvailable } from "../providers/dialects/available.js";
import type { OpenAIChatRequest, OpenAIEmbeddingsRequest, UpstreamRequest } from "../providers/dialects/dialect.js";
import { translatedDialect } from "../providers/dialects/index.js";
import { upstreamPath } from "../providers/dialects/request-path.js";
import type { Upstreams } from "../providers/upstream.js";
import type { ResolvedVirtualKey, Snapshot } from "../snapshot/snapshot.js";
import { auditRecordFor, type CallResult, failure, outcomeForStatus } from "./call-result.js";
import { CHAT_REQUEST, EMBEDDINGS_REQUEST } from "../policy/request-shape.js";
import { type ChatRequest, parseChatRequest } from "./parse-chat-request.js";
import { parseEmbeddingsRequest } from "./parse-embeddings-request.js";
import { relayJson } from "./relay-json.js";
import { relayStream } from "./relay-stream.js";
import { openAIWire, translatedWire, type Wire } from "./wire.js";
import { type Governance, govern, settle } from "./govern.js";
import { readIdentityHeaders, type RequestContext } from "./request-context.js";
import { COST_HEADER, relayUnreachable } from "./upstream-response.js";

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
}

// Large enough for several base64 images in one request.
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Which route a call came in on: the OpenAI-compatible one, or a virtual key's native route. */
export interface ChatRoute {
  /** The virtual key named in the path (`/llm/<slug>/v1/…`), or null. */
  slug: string | null;
  /** Chat completions unless said otherwise. */
  kind?: "chat" | "embeddings";
}

const OPENAI_ROUTE: ChatRoute = { slug: null };

/** What differs between kinds of call; everything else is one pipeline. */
const KINDS = {
  chat: { endpoint: "chat.completions", path: "/chat/completions", parse: parseChatRequest, shape: CHAT_REQUEST },
  embeddings: { endpoint: "embeddings", path: "/embeddings", parse: parseEmbeddingsRequest, shape: EMBEDDINGS_REQUEST },
} as const;

/** POST /v1/chat/completions (and the native route): authenticate, resolve the virtual key, forward, relay, audit. */
export async function handleChatCompletions(plane: DataPlane, req: IncomingMessage, res: ServerResponse, route: ChatRoute = OPENAI_ROUTE): Promise<void> {
  const kind = KINDS[route.kind ?? "chat"];
  const ctx: RequestContext = {
    requestId: newId("req"),
    startedAt: Date.now(),
    t0: performance.now(),
    endpoint: route.slug === null ? kind.endpoint : "passthrough",
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
  let chat: ChatRequest | null = null;
  let dispatched = false;
  try {
    chat = await admit(plane, req, ctx, route.slug, kind.parse);
    res.setHeader("x-igris-provider", ctx.virtualKey!.provider.slug);
    gov = await govern(ctx, chat.body, plane.snapshot.policies(ctx.orgId), { limits: plane.limits, defaultMaxTokens: plane.defaultMaxTokens, shape: kind.shape });
    const dispatch = await prepare(ctx, chat, route.kind ?? "chat");
    dispatched = true;
    result = await forward(plane, ctx, res, gov, dispatch);
  } catch (err) {
    result = answerFailure(plane.log, ctx, res, err);
  }
  const content: AuditContent | null =
    gov?.logContent && chat
      ? { record_id: ctx.requestId, org_id: ctx.orgId, prompt: JSON.stringify(chat.body.messages ?? chat.body.input ?? null), completion: result.completion ?? null }
      : null;
  // The record goes first: it does not depend on settling, which may wait on Redis.
  const record = auditRecordFor(ctx, result);
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

/** Everything before the upstream call; throws a GatewayError for any refusal. */
async function admit(
  plane: DataPlane,
  req: IncomingMessage,
  ctx: RequestContext,
  slugFromPath: string | null,
  parse: (raw: Buffer, slug: string | null) => ChatRequest,
): Promise<ChatRequest> {
  const { token, key, expired } = plane.snapshot.keyFromHeader(req.headers.authorization, ctx.startedAt);
  if (!key) {
    throw unauthorized(token === null ? "Missing API key: send Authorization: Bearer igris_sk_…" : expired ? "This API key has expired." : "Invalid or revoked API key.");
  }
  ctx.apiKey = key;
  ctx.orgId = key.orgId;
  // The cost metadata is a field of chat answers; embeddings lists stay as the provider sent them.
  ctx.responseMetadata = ctx.endpoint !== "embeddings" && plane.snapshot.policies(key.orgId).responseMetadata;
  Object.assign(ctx, readIdentityHeaders(req.headers));

  const chat = parse(await readBody(req, MAX_BODY_BYTES), slugFromPath);
  ctx.requestedModel = chat.body.model as string;
  ctx.streamed = chat.stream;
  if (ctx.user === null && typeof chat.body.user === "string" && chat.body.user !== "") ctx.user = chat.body.user.slice(0, 256);

  const vk = plane.snapshot.virtualKey(ctx.orgId, chat.slug);
  if (!vk) throw notFound(`Virtual key "${chat.slug}" does not exist.`, "virtual_key_not_found");
  ctx.virtualKey = vk;
  ctx.upstreamModel = chat.model;
  if (!vk.enabled) throw forbidden(`Virtual key "${vk.slug}" is disabled.`, "virtual_key_disabled");
  if (!vk.allowsModel(chat.model)) throw forbidden(`Model "${chat.model}" is not allowed for virtual key "${vk.slug}".`, "model_not_allowed");
  if (!dialectAvailable(vk.provider.dialect)) {
    throw new GatewayError(501, "api_error", `Provider ${vk.provider.slug} speaks the ${vk.provider.dialect} dialect, which this gateway cannot translate yet.`, "dialect_not_available");
  }
  if (ctx.endpoint !== "chat.completions" && ctx.endpoint !== "passthrough" && !vk.provider.supportedEndpoints.includes(ctx.endpoint)) {
    throw invalidRequest(`Provider ${vk.provider.slug} does not offer ${ctx.endpoint}.`, "endpoint_not_supported");
  }
  if (!vk.baseUrl) throw new GatewayError(500, "api_error", `Virtual key "${vk.slug}" has no base URL for provider ${vk.provider.slug}.`, "virtual_key_misconfigured");
  return chat;
}

/** The upstream request and the wire its answer comes back in. */
export interface Dispatch {
  request: UpstreamRequest;
  stream: boolean;
  clientWantsUsage: boolean;
  wire: Wire;
}

/** Builds the upstream call: the OpenAI dialect's body as the client sent it, or a dialect's translation. */
async function prepare(ctx: RequestContext, chat: ChatRequest, kind: "chat" | "embeddings"): Promise<Dispatch> {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  const dialect = translatedDialect(vk.provider.dialect);
  const body: Record<string, unknown> = { ...chat.body, model: chat.model };
  if (!dialect) {
    // Usage is always captured; the relay hides the extra chunk from clients that did not ask.
    if (chat.stream && !chat.clientWantsUsage) body.stream_options = { ...(chat.body.stream_options as object | undefined), include_usage: true };
    const path = upstreamPath(vk.provider, vk.baseUrl!, chat.model, KINDS[kind].path);
    const headers = { "content-type": "application/json", accept: chat.stream ? "text/event-stream" : "application/json", ...authHeaders(vk.provider.authStyle, vk.credential) };
    return { request: { method: "POST", path, headers, body: JSON.stringify(body) }, stream: chat.stream, clientWantsUsage: chat.clientWantsUsage, wire: openAIWire(kind) };
  }
  const target = { provider: vk.provider, baseUrl: vk.baseUrl!, credential: vk.credential, model: chat.model };
  const ident = { id: `chatcmpl-${ctx.requestId.replace(/^req_/, "")}`, created: Math.floor(ctx.startedAt / 1000), model: chat.model };
  if (kind === "embeddings") {
    if (!dialect.embeddingsRequest || !dialect.embeddingsResponse) throw invalidRequest(`Provider ${vk.provider.slug} has no embeddings in its ${vk.provider.dialect} dialect.`, "endpoint_not_supported");
    const request = body as OpenAIEmbeddingsRequest;
    return { request: await dialect.embeddingsRequest(request, target), stream: false, clientWantsUsage: false, wire: translatedWire(dialect, ident, request) };
  }
  const request = await dialect.chatRequest(body as OpenAIChatRequest, target, chat.stream);
  return { request, stream: chat.stream, clientWantsUsage: chat.clientWantsUsage, wire: translatedWire(dialect, ident, null) };
}

/** Sends the call upstream and relays its answer; never throws. */
export async function forward(plane: DataPlane, ctx: RequestContext, res: ServerResponse, gov: Governance | null, dispatch: Dispatch): Promise<CallResult> {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  // undici takes an EventEmitter as the abort signal: far cheaper per request than an AbortController.
  const abort = new EventEmitter();
  const cancel = () => abort.emit("abort");
  let clientGone = false;
  res.on("close", () => {
    if (!res.writableFinished) {
      clientGone = true;
      cancel();
    }
  });

  let upstream;
  try {
    upstream = await plane.upstreams.request({ baseUrl: vk.baseUrl!, ...dispatch.request, signal: abort });
  } catch (err) {
    return relayUnreachable(res, err, clientGone, vk.provider.slug);
  }
  try {
    return dispatch.stream
      ? await relayStream(ctx, upstream, res, { clientWantsUsage: dispatch.clientWantsUsage, isClientGone: () => clientGone, cancelUpstream: cancel, gov, wire: dispatch.wire })
      : await relayJson(ctx, upstream, res, gov, dispatch.wire);
  } catch (err) {
    upstream.body.destroy();
    return relayUnreachable(res, err, clientGone, vk.provider.slug);
  }
}

function answerFailure(log: Logger, ctx: RequestContext, res: ServerResponse, err: unknown): CallResult {
  if (err instanceof GatewayError) {
    sendGatewayError(res, err);
    return failure(err.status, outcomeForStatus(err.status), err.code ?? err.type, err.message);
  }
  log.error({ err: (err as Error)?.message, requestId: ctx.requestId }, "unexpected error in chat completions");
  sendErrorBody(res, 500, { error: { message: "Internal gateway error.", type: "api_error", param: null, code: "internal_error" } });
  return failure(500, "failed", "internal_error", (err as Error)?.message ?? String(err));
}
