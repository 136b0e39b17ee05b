import { errorBody, type ErrorBody } from "../../../lib/errors.js";
import type { StreamError } from "../dialect.js";
import { isObject, objectsIn } from "./json-read.js";

/** Google's canonical error statuses in OpenAI's error types. */
const TYPE_BY_STATUS: Record<string, string> = {
  INVALID_ARGUMENT: "invalid_request_error",
  FAILED_PRECONDITION: "invalid_request_error",
  OUT_OF_RANGE: "invalid_request_error",
  UNAUTHENTICATED: "authentication_error",
  PERMISSION_DENIED: "permission_error",
  NOT_FOUND: "not_found_error",
  ALREADY_EXISTS: "conflict_error",
  ABORTED: "conflict_error",
  RESOURCE_EXHAUSTED: "rate_limit_error",
  UNAVAILABLE: "overloaded_error",
};

const TYPE_BY_HTTP: Record<number, string> = { 400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error", 409: "conflict_error", 429: "rate_limit_error", 503: "overloaded_error" };

/** AI Studio answers a bad key with 400 INVALID_ARGUMENT; its ErrorInfo reason says it is an authentication failure. */
const AUTH_REASONS = new Set(["API_KEY_INVALID", "API_KEY_EXPIRED"]);

function typeOf(status: string | null, httpStatus: number, details: unknown): string {
  if (objectsIn(details).some((d) => typeof d.reason === "string" && AUTH_REASONS.has(d.reason))) return "authentication_error";
  return (status && TYPE_BY_STATUS[status]) || TYPE_BY_HTTP[httpStatus] || "api_error";
}

/**
 * Google's `{error:{code,message,status,details}}` as OpenAI's error fields; `status` (e.g. RESOURCE_EXHAUSTED)
 * is kept as the code. Details are not copied: DebugInfo entries can echo the key that was sent.
 */
export function describeError(error: unknown, httpStatus: number): StreamError {
  const e = isObject(error) ? error : {};
  const status = typeof e.status === "string" && e.status ? e.status : null;
  const statusCode = typeof e.code === "number" ? e.code : httpStatus;
  const message = typeof e.message === "string" && e.message ? e.message : `Gemini answered ${status ?? `HTTP ${statusCode}`}.`;
  return { message, type: typeOf(status, statusCode, e.details), code: status };
}

/** A failed call's status and body as an OpenAI error body. Google sometimes wraps the error in a list. */
export function upstreamError(status: number, bodyText: string): ErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (isObject(parsed) && isObject(parsed.error)) {
    const { message, type, code } = describeError(parsed.error, status);
    return errorBody(message, type, code);
  }
  const text = bodyText.trim().slice(0, 1000);
  return errorBody(text || `Gemini answered HTTP ${status}.`, TYPE_BY_HTTP[status] ?? "api_error");
}
