import { IgrisError } from "./errors.js";

/** Who and what a call is for; the gateway records these in the audit trail and policies can match them. */
export interface IdentityOptions {
  /** End user the call is made for: `X-Igris-User`. */
  user?: string;
  /** Correlates calls of one task or request: `X-Igris-Trace-Id`. */
  traceId?: string;
  /** Free-form labels (`team`, `feature`, …): one `X-Igris-Metadata-<key>` header each. */
  metadata?: Record<string, string>;
}

const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** The X-Igris-* headers for an identity; metadata keys must be valid header-name characters. */
export function identityHeaders(identity: IdentityOptions = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (identity.user) headers["X-Igris-User"] = identity.user;
  if (identity.traceId) headers["X-Igris-Trace-Id"] = identity.traceId;
  for (const [key, value] of Object.entries(identity.metadata ?? {})) {
    if (!HEADER_TOKEN.test(key)) {
      throw new IgrisError(`Metadata key "${key}" cannot be sent as a header name; use letters, digits and - _ . only.`, { code: "invalid_metadata_key" });
    }
    headers[`X-Igris-Metadata-${key}`] = String(value);
  }
  return headers;
}

/** True when `headers` already has `name`, in any letter case. */
export function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === lower);
}
