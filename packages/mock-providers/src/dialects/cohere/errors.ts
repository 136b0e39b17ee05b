import { randomUUID } from "node:crypto";
import { type Reply, jsonReply } from "../dialect.js";

/** Cohere's error body: an id and a message, nothing else. */
export function cohereError(status: number, message: string): Reply {
  return jsonReply({ id: randomUUID(), message }, status);
}

export function statusMessage(status: number, model: string | undefined): string {
  switch (status) {
    case 400:
      return "invalid request: the mock provider was told to refuse this request.";
    case 401:
      return "invalid api token";
    case 403:
      return "Forbidden: the API key does not have access to this resource.";
    case 404:
      return (
        `model '${model ?? "command-a-03-2025"}' not found, ` +
        "make sure the correct model ID was used and that you have access to the model."
      );
    case 429:
      return "You are past the per minute request limit, please wait and try again later.";
    case 500:
      return "internal server error, this has been reported to our developers";
    case 503:
      return "service unavailable, please try again later";
    default:
      return `Mock provider answered with status ${status}.`;
  }
}
