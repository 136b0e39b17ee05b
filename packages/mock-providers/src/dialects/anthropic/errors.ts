import { randomAlphanumeric } from "../../random-id.js";
import { type Reply, jsonReply } from "../dialect.js";

/** Anthropic's error envelope; `request_id` repeats the `request-id` response header. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
  request_id: string;
}

export function newRequestId(): string {
  return `req_011C${randomAlphanumeric(20)}`;
}

/** Anthropic's error body and its `request-id` header. */
export function anthropicError(status: number, type: string, message: string): Reply {
  const requestId = newRequestId();
  const body: AnthropicErrorBody = { type: "error", error: { type, message }, request_id: requestId };
  return jsonReply(body, status, { "request-id": requestId });
}

/** The `error.type` Anthropic documents for each status. */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

/** The messages Anthropic's servers send with each injected status. */
export function statusMessage(status: number, model: string | undefined): string {
  switch (status) {
    case 401:
      return "invalid x-api-key";
    case 403:
      return "Your API key does not have permission to use the specified resource.";
    case 404:
      return `model: ${model ?? "claude-sonnet-4-5"}`;
    case 413:
      return "Request exceeds the maximum allowed number of bytes.";
    case 429:
      return "This request would exceed your account's rate limit. Please try again later.";
    case 500:
      return "Internal server error";
    case 529:
      return "Overloaded";
    default:
      return status >= 500 ? "Internal server error" : "Invalid request (injected by the mock provider).";
  }
}
