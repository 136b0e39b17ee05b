import type { IncomingMessage } from "node:http";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { GatewayError, invalidRequest } from "../lib/errors.js";
import { nativeTexts, redactNative } from "../policy/content-guard/index.js";
import type { RequestShape } from "../policy/request-shape.js";
import { authHeaders } from "../providers/auth-headers.js";
import { translatedDialect } from "../providers/dialects/index.js";
import type { DialectName } from "../providers/registry.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import type { Dispatch } from "./forward.js";
import type { Governance } from "./govern.js";
import { type CallSpec, nativeAuthorization } from "./handle-call.js";
import { type ChatRequest, parseJsonObject } from "./parse-chat-request.js";
import type { RequestContext } from "./request-context.js";
import { nativeWire } from "./wire.js";

type Json = Record<string, unknown>;

/**
 * One operation of a provider's own API, served on `/llm/<slug>/<path>` for virtual keys
 * of that dialect: the client's body goes upstream as it is (after governance), the
 * provider's answer comes back as it is, and the dialect reads usage for the audit.
 */
interface NativeOperation {
  dialect: DialectName;
  pattern: RegExp;
  /** The model named in the path, else the body's `model`. */
  modelFromPath?: (m: RegExpExecArray) => string;
  streams(body: Json, m: RegExpExecArray, query: URLSearchParams): boolean;
  upstreamPath(model: string, stream: boolean, m: RegExpExecArray): string;
  /** Client headers the provider needs as they were sent (API versions, beta flags). */
  headers?(req: IncomingMessage): Record<string, string>;
  /** Output bound: where it lives in this API's body. */
  output: { get(body: Json): number | null; set(body: Json, max: number): void } | null;
}

const fieldBound = (field: string) => ({
  get: (body: Json) => (typeof body[field] === "number" ? (body[field] as number) : null),
  set: (body: Json, max: number) => void (body[field] = max),
});

const geminiBound = {
  get: (body: Json) => {
    const v = (body.generationConfig as Json | undefined)?.maxOutputTokens;
    return typeof v === "number" ? v : null;
  },
  set: (body: Json, max: number) => void (body.generationConfig = { ...(body.generationConfig as Json | undefined), maxOutputTokens: max }),
};

const ANTHROPIC_VERSION = "2023-06-01";

const OPERATIONS: readonly NativeOperation[] = [
  {
    dialect: "anthropic",
    pattern: /^v1\/messages$/,
    streams: (body) => body.stream === true,
    upstreamPath: () => "/v1/messages",
    headers(req) {
      const out: Record<string, string> = { "anthropic-version": String(req.headers["anthropic-version"] ?? ANTHROPIC_VERSION) };
      if (req.headers["anthropic-beta"]) out["anthropic-beta"] = String(req.headers["anthropic-beta"]);
      return out;
    },
    output: fieldBound("max_tokens"),
  },
  {
    dialect: "gemini",
    // The client's API version is in its path; the virtual key's base URL carries the version used upstream.
    pattern: /^v1(?:beta|alpha)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/,
    modelFromPath: (m) => decodeURIComponent(m[1]!),
    streams: (_body, m, query) => {
      if (m[2] !== "streamGenerateContent") return false;
      if (query.get("alt") !== "sse") throw invalidRequest("streamGenerateContent is served as server-sent events only: add ?alt=sse (Google's SDKs do).", "alt_sse_required", "alt");
      return true;
    },
    upstreamPath: (model, stream, m) => `/models/${encodeURIComponent(model)}:${m[2]}${stream ? "?alt=sse" : ""}`,
    output: geminiBound,
  },
  {
    dialect: "gemini",
    pattern: /^v1(?:beta|alpha)?\/models\/([^/:]+):(embedContent|batchEmbedContents)$/,
    modelFromPath: (m) => decodeURIComponent(m[1]!),
    streams: () => false,
    upstreamPath: (model, _stream, m) => `/models/${encodeURIComponent(model)}:${m[2]}`,
    output: null,
  },
  {
    dialect: "cohere",
    pattern: /^v2\/chat$/,
    streams: (body) => body.stream === true,
    upstreamPath: () => "/v2/chat",
    output: fieldBound("max_tokens"),
  },
  {
    dialect: "cohere",
    pattern: /^v2\/embed$/,
    streams: () => false,
    upstreamPath: () => "/v2/embed",
    output: null,
  },
];

const PER_REQUEST_TOKENS = 3;

function nativeShape(op: NativeOperation): RequestShape {
  return {
    estimateInput: (body) => PER_REQUEST_TOKENS + countTokens(nativeTexts(body).join("\n")),
    maxOutput: (body) => op.output?.get(body) ?? (op.output ? null : 0),
    producesText: op.output !== null,
    capOutput: (body, max) => op.output?.set(body, max),
    texts: nativeTexts,
    redact: redactNative,
  };
}

/** The native route for this path, or null when no provider API has it. */
export function nativeCall(slug: string, rest: string, query: string): CallSpec | null {
  for (const op of OPERATIONS) {
    const m = op.pattern.exec(rest);
    if (!m) continue;
    const params = new URLSearchParams(query);
    return {
      endpoint: "passthrough",
      requires: null,
      slug,
      authorization: nativeAuthorization,
      parse: (raw) => parseNative(raw, slug, op, m, params),
      accepts: (dialect) => dialect === op.dialect,
      shape: nativeShape(op),
      prepare: (ctx, call, req, gov) => prepareNative(ctx, call, req, gov, op, m),
    };
  }
  return null;
}

function parseNative(raw: Buffer, slug: string, op: NativeOperation, m: RegExpExecArray, query: URLSearchParams): ChatRequest {
  const b = parseJsonObject(raw);
  const model = op.modelFromPath ? op.modelFromPath(m) : b.model;
  if (typeof model !== "string" || model === "") throw invalidRequest("you must provide a model parameter", "missing_model", "model");
  // Policies and the audit see the model whichever place it came from.
  if (op.modelFromPath) Object.defineProperty(b, "model", { value: model, enumerable: false, writable: true, configurable: true });
  return { body: b, slug, model, stream: op.streams(b, m, query), clientWantsUsage: false };
}

function prepareNative(ctx: RequestContext, call: ChatRequest, req: IncomingMessage, gov: Governance | null, op: NativeOperation, m: RegExpExecArray): Dispatch {
  const vk = ctx.virtualKey as ResolvedVirtualKey;
  const dialect = translatedDialect(vk.provider.dialect)!;
  if (call.stream && gov?.responseGuard?.action === "redact") {
    // Native stream bytes go to the client as the provider sent them: redaction cannot rewrite them.
    throw new GatewayError(400, "invalid_request_error", `Rule "${gov.responseGuard.ruleId}" redacts answers, which a native ${vk.provider.dialect} stream cannot do: use /v1/chat/completions or stream: false.`, "redaction_needs_translation");
  }
  ctx.responseMetadata = false;
  const ident = { id: ctx.requestId, created: Math.floor(ctx.startedAt / 1000), model: call.model };
  const headers = {
    ...op.headers?.(req),
    "content-type": "application/json",
    accept: call.stream ? "text/event-stream" : "application/json",
    ...authHeaders(vk.provider.authStyle, vk.credential),
  };
  return {
    request: { method: "POST", path: op.upstreamPath(call.model, call.stream, m), headers, body: JSON.stringify(call.body) },
    stream: call.stream,
    clientWantsUsage: false,
    wire: nativeWire(dialect, vk.provider.dialect, ident),
  };
}
