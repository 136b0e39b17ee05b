import type { IncomingHttpHeaders } from "node:http";
import type { ExtraHeaders, StreamBody } from "../exchange.js";
import type { FormBody } from "../request-body.js";

/** The wire formats the mock emulates, named as the gateway's dialects are. */
export type DialectName = "openai" | "anthropic" | "gemini" | "bedrock" | "cohere";

export interface DialectRoute {
  /**
   * Matched against the end of the path. Named groups `operation` and `model`, when
   * present, give the operation and the model named in the path.
   */
  pattern: RegExp;
  /** The operation, when the pattern has no `operation` group. */
  operation?: string;
  /** Multipart uploads (audio transcriptions); JSON otherwise. */
  body?: "json" | "form";
}

/** One request as a dialect sees it. */
export interface DialectCall {
  operation: string;
  /** The model named in the path (Gemini, Bedrock), URL-decoded. */
  pathModel?: string;
  /** The API's own prefix before the operation, e.g. `/v1beta` or `/v1/projects/p/locations/l/publishers/google`. */
  apiPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** `http://host:port` as the client reached the mock, for URLs inside answers. */
  origin: string;
  /** The parsed upload, on multipart routes. */
  form?: FormBody;
}

/** The credential a client presented, and where, so errors can name what was wrong. */
export interface PresentedKey {
  key: string;
  /** e.g. "x-api-key", "bearer", "query", "sigv4". */
  via: string;
}

export type Reply =
  | { kind: "json"; status?: number; body: unknown; headers?: ExtraHeaders }
  | { kind: "bytes"; status?: number; contentType: string; body: string | Uint8Array; headers?: ExtraHeaders }
  | { kind: "stream"; stream: StreamBody; headers?: ExtraHeaders };

export interface StatusErrorContext {
  call: DialectCall;
  model?: string;
  presented?: PresentedKey;
  /** The `retry-after` directive, for bodies that repeat it. */
  retryAfterSeconds?: string;
}

/** How a dialect's recorded streams are framed on the wire. */
export interface StreamFraming {
  contentType: string;
  /** Frames a `.chunks.txt` recording (one decoded payload per line). */
  frameChunkLines(text: string): Array<string | Uint8Array>;
  /** Frames a decoded AWS event stream (`.eventstream.jsonl`); only Bedrock records those. */
  frameEventStreamJsonl?(text: string): Uint8Array[];
}

export type RequestFields = Record<string, unknown>;

/**
 * One provider's server, as the mock emulates it. The shared pipeline (respond.ts)
 * runs faults, auth, body checks, fixtures and injected statuses in one order for
 * every dialect; only what differs on the wire lives here.
 */
export interface MockDialect {
  name: DialectName;
  routes: readonly DialectRoute[];
  /** The API's own prefix before a route (`/v1beta`, Vertex's project path), left out of directive text. */
  apiPath?: RegExp;
  /** Fixture folders recorded in this dialect, whose streams replay in its framing. */
  fixtureFolders: readonly string[];
  framing: StreamFraming;
  presentedKey(call: DialectCall): PresentedKey | undefined;
  /** The answer to a missing or wrong key when `expect-key` is set. */
  authError(presented: PresentedKey | undefined, call: DialectCall): Reply;
  /** The provider's body for an injected `status=`. */
  statusError(status: number, context: StatusErrorContext): Reply;
  /** Headers a recorded error body was sent with but the recording left out (Bedrock's `x-amzn-errortype`). */
  recordedErrorHeaders?(status: number): ExtraHeaders;
  /** What the provider says about a body that is not JSON. */
  malformedJsonMessage: string;
  /** The provider's error envelope around a message from the mock itself; `code` says which check failed. */
  mockError(status: number, message: string, code: string | null): Reply;
  wantsStream(call: DialectCall, request: RequestFields): boolean;
  /** Why the mock will not serve this call although the provider would (answered 400), or undefined. */
  unsupported?(call: DialectCall): string | undefined;
  /** A recording to replay for this request when no `fixture=` was given. */
  modelFixture?(call: DialectCall, request: RequestFields): string | undefined;
  /** A made-up but well-formed answer, or the provider's 4xx for a request it would refuse. */
  synthesize(call: DialectCall, request: RequestFields): Reply;
}

/** Shorthand for a JSON reply. */
export function jsonReply(body: unknown, status?: number, headers?: ExtraHeaders): Reply {
  return { kind: "json", body, ...(status === undefined ? {} : { status }), ...(headers ? { headers } : {}) };
}
