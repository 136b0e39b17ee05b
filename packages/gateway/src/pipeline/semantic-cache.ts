import { EventEmitter } from "node:events";
import { newId } from "../lib/ids.js";
import type { OpenAIEmbeddingsRequest } from "../providers/dialects/dialect.js";
import { translatedDialect } from "../providers/dialects/index.js";
import { scrubSecret } from "../providers/dialects/openai/upstream-error.js";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import type { Usage } from "../providers/usage.js";
import type { SemanticCache } from "../routing/route-schema.js";
import { auditRecordFor, type CallResult, failure } from "./call-result.js";
import { upstreamRequest } from "./chat-completions.js";
import type { DataPlane } from "./handle-call.js";
import type { RequestContext } from "./request-context.js";
import { priceCall } from "./upstream-response.js";

/** How long an embedding may take before the cache gives up on it (the call itself goes on uncached). */
const EMBED_TIMEOUT_MS = 10_000;

/** The prompt as one text: each message's role and text, in order (images and tool payloads left out). */
export function promptText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages
    .map((m) => {
      const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
      const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((p) => (typeof p?.text === "string" ? p.text : "")).join("") : "";
      return `${String(role ?? "user")}: ${text}`;
    })
    .join("\n");
}

/**
 * The prompt's embedding, from the route's embeddings virtual key (any dialect with
 * embeddings). The embedding call costs money, so it is audited as its own call, tied
 * to the client's call by trace id and user. Throws when the embedding cannot be had.
 */
export async function embedPrompt(plane: DataPlane, ctx: RequestContext, semantic: SemanticCache, body: Record<string, unknown>): Promise<Float32Array> {
  const vk = plane.snapshot.virtualKey(ctx.orgId, semantic.virtualKey);
  if (!vk || !vk.enabled || !vk.baseUrl) throw new Error(`embeddings virtual key "${semantic.virtualKey}" is missing, disabled or has no base URL`);
  const own: RequestContext = {
    ...ctx,
    requestId: newId("req"),
    startedAt: Date.now(),
    t0: performance.now(),
    endpoint: "embeddings",
    requestedModel: `@${vk.slug}/${semantic.model}`,
    virtualKey: vk,
    upstreamModel: semantic.model,
    streamed: false,
    policy: null,
    findings: null,
    metadata: { ...ctx.metadata, igris_purpose: "semantic_cache" },
  };
  let result: CallResult = failure(502, "failed", "upstream_unreachable", "The embeddings provider could not be reached.");
  try {
    const { vector, usage } = await callEmbeddings(plane, own, semantic, promptText(body));
    result = { status: 200, outcome: "success", usage, cost: priceCall(vk, semantic.model, usage), ttftMs: null, errorType: null, errorMessage: null };
    return vector;
  } catch (err) {
    const message = scrubSecret((err as Error).message, vk.credential);
    result = failure(502, "failed", "semantic_embedding_failed", message);
    throw new Error(message);
  } finally {
    plane.audit.write(auditRecordFor(own, result));
  }
}

async function callEmbeddings(plane: DataPlane, ctx: RequestContext, semantic: SemanticCache, text: string): Promise<{ vector: Float32Array; usage: Usage | null }> {
  const vk = ctx.virtualKey!;
  const request: OpenAIEmbeddingsRequest = { model: semantic.model, input: text, encoding_format: "float" };
  const dialect = translatedDialect(vk.provider.dialect);
  const call = await upstreamRequest(vk, "embeddings", request, false);
  const upstream = await plane.upstreams.request({ baseUrl: vk.baseUrl!, ...call, signal: new EventEmitter(), headersTimeoutMs: EMBED_TIMEOUT_MS, bodyTimeoutMs: EMBED_TIMEOUT_MS });
  const raw = await upstream.body.text();
  if (upstream.statusCode >= 400) throw new Error(`embeddings provider answered HTTP ${upstream.statusCode}: ${raw.slice(0, 300)}`);
  const json = JSON.parse(raw) as unknown;
  const translated = dialect ? dialect.embeddingsResponse!(json, request, semantic.model) : { body: json as { data?: Array<{ embedding?: unknown }> }, usage: readOpenAIUsage((json as { usage?: unknown }).usage) };
  const embedding = translated.body.data?.[0]?.embedding;
  if (!Array.isArray(embedding) || embedding.length === 0) throw new Error("the embeddings answer holds no float vector");
  return { vector: Float32Array.from(embedding as number[]), usage: translated.usage };
}
