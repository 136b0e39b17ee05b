import type { IncomingHttpHeaders } from "node:http";
import { invalidRequest } from "../lib/errors.js";
import type { PolicyDecision } from "../policy/evaluate.js";
import type { Endpoint } from "../providers/registry.js";
import type { ActiveApiKey, ResolvedVirtualKey } from "../snapshot/snapshot.js";

/** One request as it moves through the pipeline; each stage reads it and fills in more. */
export interface RequestContext {
  requestId: string;
  /** Epoch ms at arrival. */
  startedAt: number;
  /** performance.now() at arrival, for latencies. */
  t0: number;
  endpoint: Endpoint;
  orgId: string;
  apiKey: ActiveApiKey | null;
  user: string | null;
  traceId: string | null;
  metadata: Record<string, string> | null;
  requestedModel: string | null;
  virtualKey: ResolvedVirtualKey | null;
  upstreamModel: string | null;
  streamed: boolean;
  /** The policy decision, once made. */
  policy: PolicyDecision | null;
  /** Content-guard findings by detector, request and response together; never the matched text. */
  findings: Record<string, number> | null;
  /** The organisation wants `metadata` (provider and cost) added to non-streaming answers. */
  responseMetadata: boolean;
}

const METADATA_PREFIX = "x-igris-metadata-";
const MAX_ID_LENGTH = 256;
const MAX_METADATA_KEYS = 32;
const MAX_METADATA_VALUE = 512;

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  const value = Array.isArray(v) ? v[0] : v;
  if (value === undefined || value === "") return null;
  if (value.length > MAX_ID_LENGTH) throw invalidRequest(`Header ${name} is longer than ${MAX_ID_LENGTH} characters.`, "header_too_long");
  return value;
}

/** Reads user, trace id and metadata from X-Igris-* headers. */
export function readIdentityHeaders(headers: IncomingHttpHeaders): Pick<RequestContext, "user" | "traceId" | "metadata"> {
  let metadata: Record<string, string> | null = null;
  let count = 0;
  for (const name in headers) {
    if (!name.startsWith(METADATA_PREFIX)) continue;
    const key = name.slice(METADATA_PREFIX.length);
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
    if (!key) continue;
    if (++count > MAX_METADATA_KEYS) throw invalidRequest(`At most ${MAX_METADATA_KEYS} X-Igris-Metadata-* headers are allowed.`, "too_many_metadata_headers");
    if (value.length > MAX_METADATA_VALUE) throw invalidRequest(`Header ${name} is longer than ${MAX_METADATA_VALUE} characters.`, "header_too_long");
    (metadata ??= {})[key] = value;
  }
  return { user: headerValue(headers, "x-igris-user"), traceId: headerValue(headers, "x-igris-trace-id"), metadata };
}
