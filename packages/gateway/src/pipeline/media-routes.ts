import type { IncomingMessage, ServerResponse } from "node:http";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Dispatcher } from "undici";
import { invalidRequest } from "../lib/errors.js";
import { singleTextShape } from "../policy/request-shape.js";
import { authHeaders } from "../providers/auth-headers.js";
import { speaksOpenAI } from "../providers/dialects/index.js";
import { upstreamPath } from "../providers/dialects/request-path.js";
import type { Endpoint } from "../providers/registry.js";
import type { Usage } from "../providers/usage.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import { type CallResult, CLIENT_CLOSED_REQUEST } from "./call-result.js";
import type { Dispatch } from "./forward.js";
import type { Governance } from "./govern.js";
import { authorizationHeader, type CallSpec } from "./handle-call.js";
import { callTarget, type ChatRequest, parseModelRequest } from "./parse-chat-request.js";
import type { RequestContext } from "./request-context.js";
import { COST_HEADER, costValue, forwardedHeaders, priceCall, relayUpstreamError } from "./upstream-response.js";
import { openAIWire } from "./wire.js";

/**
 * Images and audio for OpenAI-dialect providers: the request goes upstream as the client
 * sent it (model renamed, multipart kept), the answer comes back as the provider sent it —
 * audio bytes streamed, never buffered — and the call is audited with whatever usage the
 * provider reports.
 */
interface MediaOperation {
  endpoint: Endpoint;
  /** The field a person wrote, for content guards and the input estimate. */
  textField: string;
  multipart: boolean;
}

const OPERATIONS: Record<string, MediaOperation> = {
  "/images/generations": { endpoint: "images.generate", textField: "prompt", multipart: false },
  "/audio/speech": { endpoint: "audio.speech", textField: "input", multipart: false },
  "/audio/transcriptions": { endpoint: "audio.transcriptions", textField: "prompt", multipart: true },
};

/** `operation` is the path after `/v1`, e.g. `/images/generations`. */
export function mediaCall(operation: string, slug: string | null): CallSpec | null {
  const op = OPERATIONS[operation];
  if (!op) return null;
  let form: FormData | null = null;
  return {
    endpoint: slug === null ? op.endpoint : "passthrough",
    requires: op.endpoint,
    slug,
    authorization: authorizationHeader,
    async parse(raw, pathSlug, req) {
      if (!op.multipart) return withTarget(parseModelRequest(raw), pathSlug, op, false);
      form = await readForm(raw, req);
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form) if (typeof value === "string") fields[name] = value;
      if (!(form.get("file") instanceof Blob)) throw invalidRequest("'file' must be an uploaded file", "missing_file", "file");
      if (typeof fields.model !== "string" || fields.model === "") throw invalidRequest("you must provide a model parameter", "missing_model", "model");
      return withTarget(fields as Record<string, unknown> & { model: string }, pathSlug, op, true);
    },
    accepts: speaksOpenAI,
    shape: singleTextShape(op.textField, (text) => countTokens(text)),
    prepare: (ctx, call) => prepareMedia(ctx, call, operation, op, form),
  };
}

function withTarget(body: Record<string, unknown> & { model: string }, slug: string | null, op: MediaOperation, multipart: boolean): ChatRequest {
  if (!multipart && typeof body[op.textField] !== "string") throw invalidRequest(`'${op.textField}' must be a string`, `missing_${op.textField}`, op.textField);
  const target = callTarget(body.model, slug);
  return { body, slug: target.slug, model: target.model, stream: false, clientWantsUsage: false };
}

async function readForm(raw: Buffer, req: IncomingMessage): Promise<FormData> {
  const contentType = String(req.headers["content-type"] ?? "");
  if (!contentType.startsWith("multipart/form-data")) throw invalidRequest("This endpoint takes multipart/form-data.", "invalid_content_type");
  try {
    return await new Response(raw, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw invalidRequest("The multipart body could not be parsed.", "invalid_multipart");
  }
}

async function prepareMedia(ctx: RequestContext, call: ChatRequest, operation: string, op: MediaOperation, form: FormData | null): Promise<Dispatch> {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  ctx.responseMetadata = false;
  const path = upstreamPath(vk.provider, vk.baseUrl!, call.model, operation);
  const auth = authHeaders(vk.provider.authStyle, vk.credential);
  let body: Buffer;
  let contentType: string;
  if (form) {
    form.set("model", call.model);
    // A content guard may have redacted the prompt: the form carries what governance left.
    if (typeof call.body[op.textField] === "string") form.set(op.textField, call.body[op.textField] as string);
    const encoded = new Response(form);
    contentType = encoded.headers.get("content-type")!;
    body = Buffer.from(await encoded.arrayBuffer());
  } else {
    body = Buffer.from(JSON.stringify({ ...call.body, model: call.model }));
    contentType = "application/json";
  }
  return {
    request: { method: "POST", path, headers: { "content-type": contentType, ...auth }, body },
    stream: false,
    clientWantsUsage: false,
    wire: openAIWire("embeddings"),
    relay: relayMedia,
  };
}

/** Images and transcriptions report tokens as input/output (or audio seconds, which are not tokens). */
export function readMediaUsage(raw: unknown): Usage | null {
  const u = (raw as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u.input_tokens !== "number") return null;
  const output = typeof u.output_tokens === "number" ? u.output_tokens : 0;
  return { promptTokens: u.input_tokens, completionTokens: output, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

/** JSON answers are read for usage and sent whole; anything else (audio) is piped as it arrives. */
async function relayMedia(ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, gov: Governance | null): Promise<CallResult> {
  const vk = ctx.virtualKey!;
  if (upstream.statusCode >= 400) return relayUpstreamError(res, upstream.statusCode, upstream.headers, Buffer.from(await upstream.body.arrayBuffer()), vk);
  const contentType = String(upstream.headers["content-type"] ?? "application/octet-stream");
  const headers = { ...forwardedHeaders(upstream.headers), ...gov?.headers, "content-type": contentType };
  if (contentType.includes("application/json")) {
    const raw = Buffer.from(await upstream.body.arrayBuffer());
    let usage: Usage | null = null;
    try {
      usage = readMediaUsage(JSON.parse(raw.toString("utf8")));
    } catch {
      usage = null; // not ours to judge: the client gets what the provider sent
    }
    const cost = priceCall(vk, ctx.upstreamModel ?? "", usage);
    res.writeHead(upstream.statusCode, { ...headers, [COST_HEADER]: costValue(cost), "content-length": raw.length });
    res.end(raw);
    return { status: upstream.statusCode, outcome: "success", usage, cost, ttftMs: null, errorType: null, errorMessage: null };
  }
  res.writeHead(upstream.statusCode, { ...headers, [COST_HEADER]: "unknown" });
  let ttftMs: number | null = null;
  try {
    for await (const chunk of upstream.body) {
      ttftMs ??= Math.round(performance.now() - ctx.t0);
      if (!res.write(chunk)) await drained(res);
      if (res.destroyed) throw new Error("client gone");
    }
    res.end();
    return { status: upstream.statusCode, outcome: "success", usage: null, cost: null, ttftMs, errorType: null, errorMessage: null };
  } catch {
    // forward() cancels the upstream when the client leaves: that is an abort, not a provider failure.
    const clientGone = res.destroyed;
    res.destroy();
    if (clientGone) {
      return { status: CLIENT_CLOSED_REQUEST, outcome: "aborted", usage: null, cost: null, ttftMs, errorType: "client_aborted", errorMessage: "The client closed the connection before the answer was complete." };
    }
    return { status: upstream.statusCode, outcome: "failed", usage: null, cost: null, ttftMs, errorType: "upstream_stream_interrupted", errorMessage: "The provider's answer ended before it was complete." };
  }
}

/** Resolves when the client can take more, or has gone (a client that leaves never drains). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      res.off("drain", wake);
      res.off("close", wake);
      resolve();
    };
    res.once("drain", wake);
    res.once("close", wake);
  });
}
