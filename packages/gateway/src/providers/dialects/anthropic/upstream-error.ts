import { type ErrorBody, errorBody } from "../../../lib/errors.js";
import type { StreamError } from "../dialect.js";

/** The type Anthropic uses for each status, for bodies that do not say (a proxy's HTML page, say). */
const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

/**
 * Anthropic's `{type: "error", error: {type, message}}` — the body of a failed call and the
 * payload of an in-stream `error` event — as an OpenAI error. Anthropic's error types
 * (rate_limit_error, overloaded_error, ...) already use OpenAI's vocabulary and are kept.
 */
export function readAnthropicError(payload: unknown, fallbackType: string, fallbackMessage: string): StreamError {
  const outer = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const inner = outer.error && typeof outer.error === "object" ? (outer.error as Record<string, unknown>) : outer;
  const type = typeof inner.type === "string" && inner.type !== "error" ? inner.type : fallbackType;
  const message = typeof inner.message === "string" && inner.message !== "" ? inner.message : fallbackMessage;
  return { message, type, code: null };
}

/** A failed call's status and body as the OpenAI error body the client receives. */
export function anthropicError(status: number, bodyText: string): ErrorBody {
  const fallbackType = TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const text = bodyText.trim().slice(0, 1000);
  const fallbackMessage = parsed === undefined && text !== "" ? text : `Anthropic answered HTTP ${status}.`;
  const error = readAnthropicError(parsed, fallbackType, fallbackMessage);
  return errorBody(error.message, error.type, error.code);
}
