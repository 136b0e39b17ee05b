import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { sendErrorBody } from "../http/respond.js";
import { chatResponseTexts, type CompiledGuard, nativeTexts, redactChatResponse, redactNative } from "../policy/content-guard/index.js";
import type { Dialect, OpenAIEmbeddingsRequest, StreamError, StreamIdentity } from "../providers/dialects/dialect.js";
import { isStreamContentType } from "../providers/dialects/frames.js";
import { frameDecoder } from "../providers/dialects/index.js";
import { nativeStreamErrorEvent } from "../providers/dialects/native-stream-error.js";
import { type ChunkInspector, SseRelay } from "../providers/dialects/openai/sse-relay.js";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import { scrubSecret } from "../providers/dialects/openai/upstream-error.js";
import type { Usage } from "../providers/usage.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import { type CallResult, failure } from "./call-result.js";
import { NativeRelay } from "./native-relay.js";
import type { StreamRelay } from "./stream-relay.js";
import { TranslatingRelay } from "./translating-relay.js";
import { forwardedHeaders, relayUpstreamError } from "./upstream-response.js";

type UndiciHeaders = Dispatcher.ResponseData["headers"];

/** A non-streaming answer as the relay sees it: what the client gets, and what the audit needs. */
export interface JsonAnswer {
  body: Record<string, unknown>;
  /** The provider's bytes, when the client gets them as they are (until a guard or metadata changes them). */
  bytes: Buffer | null;
  usage: Usage | null;
  model: string | null;
  /** Texts a response guard reads; `redact` returns a redacted copy and the counts. */
  texts(body: Record<string, unknown>): string[];
  redact(body: Record<string, unknown>, guard: CompiledGuard): { body: Record<string, unknown>; counts: Record<string, number> };
  /** Whether cost metadata may be added (OpenAI-shaped chat answers only). */
  metadata: boolean;
}

/**
 * The shape of one call's answers: how errors, JSON bodies and streams from the provider
 * become what the client receives. Three kinds: the OpenAI dialect forwarded as is,
 * another dialect translated to OpenAI's shapes, and a native route's own shape.
 */
export interface Wire {
  error(res: ServerResponse, status: number, headers: UndiciHeaders, body: Buffer, vk: ResolvedVirtualKey): CallResult;
  /** Throws when the body is not the shape the wire expects (answered as a 502). */
  json(parsed: unknown, raw: Buffer): JsonAnswer;
  isStream(contentType: string): boolean;
  /** `secret` is the credential to keep out of in-band errors. */
  stream(clientWantsUsage: boolean, inspector: ChunkInspector | null, secret: string): StreamRelay;
}

const OPENAI_CHAT_TEXTS = { texts: chatResponseTexts, redact: redactChatResponse };
const NO_TEXTS = { texts: () => [], redact: (body: Record<string, unknown>) => ({ body, counts: {} }) };

/** The client's own wire format: bytes forwarded, usage read from OpenAI's `usage`. Holds no per-call state. */
export function openAIWire(kind: "chat" | "embeddings"): Wire {
  return OPENAI_WIRES[kind];
}

function makeOpenAIWire(kind: "chat" | "embeddings"): Wire {
  return {
    error: relayUpstreamError,
    json(parsed, raw) {
      const body = parsed as Record<string, unknown>;
      return {
        body,
        bytes: raw,
        usage: readOpenAIUsage(body?.usage),
        model: typeof body?.model === "string" ? body.model : null,
        ...(kind === "chat" ? OPENAI_CHAT_TEXTS : NO_TEXTS),
        metadata: kind === "chat",
      };
    },
    isStream: (contentType) => contentType.includes("text/event-stream"),
    stream: (clientWantsUsage, inspector, secret) => new SseRelay(clientWantsUsage, inspector, scrubbing(secret)),
  };
}

const OPENAI_WIRES = { chat: makeOpenAIWire("chat"), embeddings: makeOpenAIWire("embeddings") };

const scrubbing = (secret: string) => (error: StreamError) => scrubSecret(error, secret);

/** A provider error in the dialect's shape, as an OpenAI error body, the credential scrubbed. */
function dialectError(dialect: Dialect): Wire["error"] {
  return (res, status, headers, body, vk) => {
    const errorBody = scrubSecret(dialect.error(status, body.toString("utf8")), vk.credential);
    sendErrorBody(res, status, errorBody, forwardedHeaders(headers));
    return failure(status, "upstream_error", errorBody.error.code ?? errorBody.error.type, errorBody.error.message);
  };
}

/** Another dialect, translated to OpenAI's chat or embeddings shapes. */
export function translatedWire(dialect: Dialect, ident: StreamIdentity, embeddingsRequest: OpenAIEmbeddingsRequest | null): Wire {
  return {
    error: dialectError(dialect),
    json(parsed) {
      if (embeddingsRequest) {
        const { body, usage } = dialect.embeddingsResponse!(parsed, embeddingsRequest, ident.model);
        return { body: body as unknown as Record<string, unknown>, bytes: null, usage, model: body.model, ...NO_TEXTS, metadata: false };
      }
      const { body, usage } = dialect.chatResponse(parsed, ident);
      return { body: body as unknown as Record<string, unknown>, bytes: null, usage, model: body.model, ...OPENAI_CHAT_TEXTS, metadata: true };
    },
    isStream: (contentType) => isStreamContentType(dialect.framing, contentType),
    stream: (clientWantsUsage, inspector, secret) =>
      new TranslatingRelay(frameDecoder(dialect), dialect.chatStream(ident), ident, clientWantsUsage, inspector, scrubbing(secret)),
  };
}

/** A native route: the provider's own shapes reach the client; the dialect only reads them. */
export function nativeWire(dialect: Dialect, dialectName: string, ident: StreamIdentity): Wire {
  return {
    error(res, status, headers, body, vk) {
      // The client's SDK parses its provider's own error shape: forward it, scrubbed.
      const summary = dialect.error(status, body.toString("utf8")).error;
      const text = scrubSecret(body.toString("utf8"), vk.credential);
      if (!res.headersSent) {
        res.writeHead(status, { ...forwardedHeaders(headers), "content-type": String(headers["content-type"] ?? "application/json"), "content-length": Buffer.byteLength(text) });
        res.end(text);
      } else res.end();
      return failure(status, "upstream_error", summary.code ?? summary.type, scrubSecret(summary.message, vk.credential));
    },
    json(parsed, raw) {
      let model: string | null = null;
      try {
        model = dialect.chatResponse(parsed, ident).body.model;
      } catch {
        model = null; // a shape the translator does not know: the client still gets it as sent
      }
      return { body: parsed as Record<string, unknown>, bytes: raw, usage: dialect.usageOf(parsed), model, texts: nativeTexts, redact: redactNative, metadata: false };
    },
    isStream: (contentType) => isStreamContentType(dialect.framing, contentType),
    stream: (_clientWantsUsage, inspector, secret) =>
      new NativeRelay(frameDecoder(dialect), dialect.chatStream(ident), inspector, (error: StreamError) => nativeStreamErrorEvent(dialectName, error), scrubbing(secret)),
  };
}
