import { authHeaders } from "../providers/auth-headers.js";
import type { OpenAIChatRequest, OpenAIEmbeddingsRequest, UpstreamRequest } from "../providers/dialects/dialect.js";
import { speaksOpenAI, translatedDialect } from "../providers/dialects/index.js";
import { upstreamPath } from "../providers/dialects/request-path.js";
import { invalidRequest } from "../lib/errors.js";
import { CHAT_REQUEST, EMBEDDINGS_REQUEST } from "../policy/request-shape.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import type { Dispatch } from "./forward.js";
import { authorizationHeader, type CallSpec } from "./handle-call.js";
import { type ChatRequest, parseChatRequest } from "./parse-chat-request.js";
import { parseEmbeddingsRequest } from "./parse-embeddings-request.js";
import type { RequestContext } from "./request-context.js";
import { openAIWire, translatedWire } from "./wire.js";

type Kind = "chat" | "embeddings";

const OPERATION_PATH: Record<Kind, string> = { chat: "/chat/completions", embeddings: "/embeddings" };

/** `/v1/chat/completions`, or a virtual key's OpenAI-shaped native route (`slug` set). */
export function chatCompletionsCall(slug: string | null): CallSpec {
  return {
    endpoint: slug === null ? "chat.completions" : "passthrough",
    requires: "chat.completions",
    slug,
    authorization: authorizationHeader,
    parse: parseChatRequest,
    // The OpenAI route translates for every dialect; a native `/v1/chat/completions` is the OpenAI dialect's own.
    accepts: (dialect) => slug === null || speaksOpenAI(dialect),
    shape: CHAT_REQUEST,
    prepare: (ctx, call) => prepare(ctx, call, "chat"),
  };
}

/** `/v1/embeddings`, or a virtual key's native `/v1/embeddings`. */
export function embeddingsCall(slug: string | null): CallSpec {
  return {
    endpoint: slug === null ? "embeddings" : "passthrough",
    requires: "embeddings",
    slug,
    authorization: authorizationHeader,
    parse: parseEmbeddingsRequest,
    accepts: (dialect) => slug === null || speaksOpenAI(dialect),
    shape: EMBEDDINGS_REQUEST,
    prepare: (ctx, call) => {
      // The cost metadata is a field of chat answers; embeddings lists stay as the provider sent them.
      ctx.responseMetadata = false;
      return prepare(ctx, call, "embeddings");
    },
  };
}

/**
 * The upstream request for an OpenAI-shaped body (its `model` already the provider's):
 * for the OpenAI dialect the body as it is, at the dialect's path; for others the
 * dialect's translation. A 400 for embeddings a dialect does not have.
 */
export async function upstreamRequest(vk: ResolvedVirtualKey, kind: Kind, body: Record<string, unknown>, stream: boolean): Promise<UpstreamRequest> {
  const dialect = translatedDialect(vk.provider.dialect);
  const model = body.model as string;
  if (!dialect) {
    const path = upstreamPath(vk.provider, vk.baseUrl!, model, OPERATION_PATH[kind]);
    const headers = { "content-type": "application/json", accept: stream ? "text/event-stream" : "application/json", ...authHeaders(vk.provider.authStyle, vk.credential) };
    return { method: "POST", path, headers, body: JSON.stringify(body) };
  }
  const target = { provider: vk.provider, baseUrl: vk.baseUrl!, credential: vk.credential, model };
  if (kind === "chat") return dialect.chatRequest(body as OpenAIChatRequest, target, stream);
  if (!dialect.embeddingsRequest || !dialect.embeddingsResponse) {
    throw invalidRequest(`Provider ${vk.provider.slug} has no embeddings in its ${vk.provider.dialect} dialect.`, "endpoint_not_supported");
  }
  return dialect.embeddingsRequest(body as OpenAIEmbeddingsRequest, target);
}

/** Builds the upstream call and the wire its answer comes back in. */
async function prepare(ctx: RequestContext, chat: ChatRequest, kind: Kind): Promise<Dispatch> {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  const dialect = translatedDialect(vk.provider.dialect);
  const body: Record<string, unknown> = { ...chat.body, model: chat.model };
  // Usage is always captured; the relay hides the extra chunk from clients that did not ask.
  if (!dialect && chat.stream && !chat.clientWantsUsage) body.stream_options = { ...(chat.body.stream_options as object | undefined), include_usage: true };
  const request = await upstreamRequest(vk, kind, body, chat.stream);
  const stream = kind === "chat" && chat.stream;
  if (!dialect) return { request, stream, clientWantsUsage: chat.clientWantsUsage, wire: openAIWire(kind) };
  const ident = { id: `chatcmpl-${ctx.requestId.replace(/^req_/, "")}`, created: Math.floor(ctx.startedAt / 1000), model: chat.model };
  const wire = translatedWire(dialect, ident, kind === "embeddings" ? (body as OpenAIEmbeddingsRequest) : null);
  return { request, stream, clientWantsUsage: chat.clientWantsUsage, wire };
}
