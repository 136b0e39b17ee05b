import type { StreamError } from "./dialect.js";

/**
 * The event that ends a native stream with an error, in the shape the provider's own SDK
 * raises as an error: Anthropic's `event: error`, Gemini's JSON `error` (a google.rpc status,
 * the gateway's code as its ErrorInfo reason), Cohere's `message-end` with finish reason ERROR.
 */
export function nativeStreamErrorEvent(dialect: string, error: StreamError): string {
  switch (dialect) {
    case "anthropic":
      return `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: error.type, message: error.message } })}\n\n`;
    case "gemini": {
      // SDKs read `code` as the HTTP status: a guard's refusal must not look like a retryable 500.
      const [code, status] = error.type === "policy_denied" ? [403, "PERMISSION_DENIED"] : [500, "INTERNAL"];
      const details = [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: error.code ?? error.type, domain: "igris" }];
      return `data: ${JSON.stringify({ error: { code, message: error.message, status, details } })}\n\n`;
    }
    case "cohere":
      // Cohere reports a failed generation in its last event; an unknown event would be skipped.
      return `event: message-end\ndata: ${JSON.stringify({ type: "message-end", delta: { finish_reason: "ERROR", error: error.message } })}\n\n`;
    default:
      return `event: error\ndata: ${JSON.stringify({ error: { message: error.message, type: error.type, code: error.code } })}\n\n`;
  }
}
