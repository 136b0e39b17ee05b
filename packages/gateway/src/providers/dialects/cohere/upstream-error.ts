import { type ErrorBody, errorBody } from "../../../lib/errors.js";
import { asRecord, asString } from "./payload-fields.js";

/** Cohere's statuses (498 is its "invalid token", 499 "client closed request") as OpenAI error types. */
const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  422: "invalid_request_error",
  429: "rate_limit_error",
  498: "authentication_error",
  503: "overloaded_error",
};

const CODE_BY_STATUS: Record<number, string> = {
  401: "invalid_api_key",
  498: "invalid_api_key",
  429: "rate_limit_exceeded",
};

/**
 * A Cohere error answer (`{ message }` or `{ id, message }`, sometimes plain text) as an OpenAI
 * error body. Cohere's request id is kept as `upstream_request_id` so a user can quote it to
 * Cohere's support. The caller scrubs the credential from the result.
 */
export function translateError(status: number, bodyText: string): ErrorBody {
  const parsed = parseJson(bodyText);
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "upstream_error");
  const body = errorBody(messageOf(status, bodyText, parsed), type, CODE_BY_STATUS[status] ?? null);
  const id = asString(parsed?.id);
  if (id) body.error.upstream_request_id = id;
  return body;
}

function messageOf(status: number, bodyText: string, parsed: Record<string, unknown> | undefined): string {
  const nested = asRecord(parsed?.error);
  const message = asString(parsed?.message) ?? asString(nested?.message) ?? asString(parsed?.error);
  if (message) return message;
  const text = parsed ? "" : bodyText.trim().slice(0, 1000);
  return text || `Cohere answered HTTP ${status}.`;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
