import type { IncomingMessage, ServerResponse } from "node:http";
import { GatewayError } from "../lib/errors.js";
import { cacheKey } from "../routing/cache-key.js";
import { idempotencyScope, type IdempotencyStore, type StoredResult } from "../routing/idempotency-types.js";
import type { CacheHit } from "../routing/response-cache-types.js";
import type { CallResult } from "./call-result.js";
import type { ChatRequest } from "./parse-chat-request.js";
import type { RequestContext } from "./request-context.js";
import { COST_HEADER } from "./upstream-response.js";

type Json = Record<string, any>;

const ZERO_COST = { totalMicroUsd: 0, inputMicroUsd: 0, outputMicroUsd: 0 };

/** What the response cache does for one call: look up, store, both, or neither. */
export interface CachePlan {
  key: string;
  ttlSeconds: number;
  lookup: boolean;
  store: boolean;
}

/**
 * Cache-Control on the request: `no-cache` skips the lookup (the answer is still stored
 * for the next caller), `no-store` skips both. Only chat and embeddings answers are kept.
 */
export function cachePlan(ctx: RequestContext, call: ChatRequest, req: IncomingMessage, ttlSeconds: number | null, partition: string): CachePlan | null {
  if (!ttlSeconds || (ctx.endpoint !== "chat.completions" && ctx.endpoint !== "embeddings")) return null;
  const control = String(req.headers["cache-control"] ?? "").toLowerCase();
  if (control.includes("no-store")) return null;
  const key = cacheKey({ orgId: ctx.orgId, endpoint: ctx.endpoint, body: { ...call.body, model: call.model }, partition });
  return { key, ttlSeconds, lookup: !control.includes("no-cache"), store: true };
}

/** Answers from the cache: the stored JSON, or — for a streamed request — the same answer as a stream of chunks. */
export function answerFromCache(res: ServerResponse, hit: CacheHit, call: ChatRequest, similarity: number | null = null): CallResult {
  const headers: Record<string, string> = { "x-igris-cache": similarity === null ? "hit" : "semantic-hit", "x-igris-cache-age": String(Math.round(hit.ageMs / 1000)), [COST_HEADER]: "0.000000" };
  if (similarity !== null) headers["x-igris-cache-similarity"] = similarity.toFixed(4);
  if (call.stream) {
    res.writeHead(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    res.end(chunksOf(JSON.parse(hit.entry.body) as Json, call.clientWantsUsage));
  } else {
    res.writeHead(hit.entry.status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(hit.entry.body) });
    res.end(hit.entry.body);
  }
  return { status: 200, outcome: "success", usage: null, cost: ZERO_COST, ttftMs: null, errorType: null, errorMessage: null };
}

/** Text deltas of about this many characters, like a provider's stream. */
const PIECE = 24;

/**
 * A stored chat completion as the stream a provider would have sent: the role first,
 * the text in small deltas, each tool call with its id and name, the finish reason, the
 * usage chunk when the client asked for it, then [DONE].
 */
export function chunksOf(body: Json, withUsage: boolean): string {
  const base = { id: body.id, object: "chat.completion.chunk", created: body.created, model: body.model };
  const events: Json[] = [];
  const message = body.choices?.[0]?.message ?? {};
  const chunk = (delta: Json, finish: string | null = null) => events.push({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  chunk({ role: "assistant", content: "" });
  const text = typeof message.content === "string" ? message.content : "";
  for (let i = 0; i < text.length; i += PIECE) chunk({ content: text.slice(i, i + PIECE) });
  (message.tool_calls ?? []).forEach((call: Json, index: number) => chunk({ tool_calls: [{ index, id: call.id, type: "function", function: call.function }] }));
  chunk({}, body.choices?.[0]?.finish_reason ?? "stop");
  if (withUsage && body.usage) events.push({ ...base, choices: [], usage: body.usage });
  return `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("")}data: [DONE]\n\n`;
}

/** The answer as the client got it, for the cache and idempotent replays. */
export interface Captured {
  status: number;
  contentType: string;
  body: Buffer;
}

/** The most an idempotent replay keeps of one answer; a larger one is not kept (the key is released). */
const MAX_CAPTURE_BYTES = 8 * 1024 * 1024;

/** Copies what is written to `res` (bounded), so the answer can be stored once it is complete. */
export function captureResponse(res: ServerResponse): () => Captured | null {
  const parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (chunk: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function" || overflow) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > MAX_CAPTURE_BYTES) overflow = true;
    else parts.push(buf);
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
  return () => (overflow ? null : { status: res.statusCode, contentType: String(res.getHeader("content-type") ?? "application/json"), body: Buffer.concat(parts) });
}

/** An `Idempotency-Key` call in progress: it holds the key until it completes or fails. */
export interface IdempotentCall {
  key: string;
  token: string;
  capture: () => Captured | null;
}

/** How long a retry waits for the first request holding its key before answering 409. */
const WAIT_MS = 60_000;

/**
 * `Idempotency-Key`: the first request with a key runs; a retry with the same key and body
 * gets the first one's answer (waiting while it runs), never a second provider call; the
 * same key with another body is a 422.
 */
export async function beginIdempotent(
  store: IdempotencyStore,
  ctx: RequestContext,
  call: ChatRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ replay: StoredResult } | { run: IdempotentCall } | null> {
  const header = req.headers["idempotency-key"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return null;
  const key = idempotencyScope(ctx.orgId, ctx.apiKey!.id, value);
  // The cache key leaves out `stream`; a replay must not answer a stream with JSON or the reverse.
  const fingerprint = `${cacheKey({ orgId: ctx.orgId, endpoint: ctx.endpoint, body: { ...call.body, model: call.model } })}|${call.stream}|${call.clientWantsUsage}`;
  let begun = await store.begin(key, fingerprint);
  if (begun.state === "in_flight") begun = await store.wait(key, fingerprint, { timeoutMs: WAIT_MS });
  switch (begun.state) {
    case "new":
      return { run: { key, token: begun.token, capture: captureResponse(res) } };
    case "done":
      return { replay: begun.result };
    case "mismatch":
      throw new GatewayError(422, "invalid_request_error", "This Idempotency-Key was used for a different request.", "idempotency_key_reused", "Idempotency-Key");
    default:
      throw new GatewayError(409, "conflict_error", "A request with this Idempotency-Key is still running; retry later.", "idempotency_key_in_use", "Idempotency-Key");
  }
}

/** Stores a successful answer for replay; any failure (a provider's 429 included) releases the key so a retry runs again. */
export async function finishIdempotent(store: IdempotencyStore, run: IdempotentCall, result: CallResult): Promise<void> {
  const captured = run.capture();
  if (!captured || result.status >= 400 || result.outcome !== "success") return store.fail(run.key, run.token);
  await store.complete(run.key, run.token, { status: captured.status, headers: { "content-type": captured.contentType }, body: captured.body.toString("utf8") });
}

export function answerReplay(res: ServerResponse, stored: StoredResult): CallResult {
  res.writeHead(stored.status, { ...stored.headers, "x-igris-idempotent-replay": "true", [COST_HEADER]: "0.000000", "content-length": Buffer.byteLength(stored.body) });
  res.end(stored.body);
  return { status: stored.status, outcome: stored.status < 400 ? "success" : "rejected", usage: null, cost: ZERO_COST, ttftMs: null, errorType: null, errorMessage: null };
}
