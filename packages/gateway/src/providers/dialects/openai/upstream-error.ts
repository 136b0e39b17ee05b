import type { ErrorBody } from "../../../lib/errors.js";

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  409: "conflict_error",
  422: "invalid_request_error",
  429: "rate_limit_error",
};

/**
 * Turns whatever an upstream answered with a non-2xx status into an OpenAI error body.
 * The upstream's own fields are kept; the credential is scrubbed from every string.
 */
export function normaliseUpstreamError(status: number, bodyText: string, secret: string): ErrorBody {
  const fallbackType = TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "upstream_error");
  let parsed: any;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  // Some providers send a list with one error object in it.
  if (Array.isArray(parsed)) parsed = parsed[0];
  const raw = parsed && typeof parsed === "object" ? (parsed.error ?? parsed) : undefined;
  let error: Record<string, unknown>;
  if (typeof raw === "string") {
    error = { message: raw };
  } else if (raw && typeof raw === "object") {
    error = { ...raw };
  } else {
    const text = bodyText.trim().slice(0, 1000);
    error = { message: text || `Upstream provider answered HTTP ${status}.` };
  }
  if (typeof error.message !== "string") error.message = error.message == null ? `Upstream provider answered HTTP ${status}.` : JSON.stringify(error.message);
  if (typeof error.type !== "string") error.type = fallbackType;
  error.code = error.code == null ? null : String(error.code);
  if (error.param === undefined) error.param = null;
  return scrubSecret({ error } as ErrorBody, secret);
}

/**
 * The strings to scrub for a credential: itself and, for a credential that is a JSON
 * document (AWS keys with a session token, service-account fields), every string in it —
 * providers echo the parts (AWS repeats the session token in signature errors).
 */
function secretsOf(credential: string): string[] {
  const secrets = credential.length >= 4 ? [credential] : [];
  if (credential.startsWith("{")) {
    try {
      for (const v of Object.values(JSON.parse(credential) as Record<string, unknown>)) if (typeof v === "string" && v.length >= 8) secrets.push(v);
    } catch {
      // not JSON after all: the whole string is the secret
    }
  }
  return secrets;
}

/** Removes the credential (and its parts), and the masked echoes of it that providers put in 401 messages. */
export function scrubSecret<T>(value: T, secret: string): T {
  const secrets = secretsOf(secret);
  const scrub = (s: string) => {
    let out = s;
    for (const part of secrets) if (out.includes(part)) out = out.split(part).join("[redacted]");
    out = out.replace(/(API key provided:\s*)\S+/gi, "$1[redacted]");
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
