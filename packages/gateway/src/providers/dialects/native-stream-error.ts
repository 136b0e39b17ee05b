import type { StreamError } from "./dialect.js";

/**
 * The event that ends a native stream with an error, in the shape the provider's own SDK
 * raises as an error: Anthropic's `event: error`, Gemini's and Cohere's JSON `error`.
 */
export function nativeStreamErrorEvent(dialect: string, error: StreamError): string {
  switch (dialect) {
    case "anthropic":
      return `event: error\ndata: ${JSON.stringify({ type: "error", error: { type: error.type, message: error.message } })}\n\n`;
    case "gemini":
      return `data: ${JSON.stringify({ error: { code: 500, message: error.message, status: error.code ?? "INTERNAL" } })}\n\n`;
    default:
      return `event: error\ndata: ${JSON.stringify({ error: { message: error.message, type: error.type, code: error.code } })}\n\n`;
  }
}
