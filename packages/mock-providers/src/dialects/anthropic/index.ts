import { SSE_CONTENT_TYPE } from "../../exchange.js";
import { frameTypedChunkLines, namedEvent } from "../../sse-events.js";
import { bearerToken, headerValue } from "../credentials.js";
import { type MockDialect, type Reply, type RequestFields, jsonReply } from "../dialect.js";
import { anthropicError, errorTypeForStatus, statusMessage } from "./errors.js";
import { synthesizeMessage, synthesizeMessageStream } from "./synthesize-message.js";

/**
 * Anthropic's Messages API: named SSE events, no `[DONE]`. Keys arrive as `x-api-key`
 * or, from the 1.x SDKs, as `Authorization: Bearer`; the API takes both.
 */
export const anthropicDialect: MockDialect = {
  name: "anthropic",
  routes: [{ pattern: /\/v1\/messages$/, operation: "messages" }],
  fixtureFolders: ["anthropic"],
  framing: { contentType: SSE_CONTENT_TYPE, frameChunkLines: frameTypedChunkLines },
  presentedKey(call) {
    const key = headerValue(call.headers["x-api-key"]);
    if (key !== undefined) return { key, via: "x-api-key" };
    const bearer = bearerToken(call.headers.authorization);
    return bearer === undefined ? undefined : { key: bearer, via: "bearer" };
  },
  authError: (presented) =>
    anthropicError(401, "authentication_error", presented ? "invalid x-api-key" : "x-api-key header is required"),
  statusError: (status, { model }) => anthropicError(status, errorTypeForStatus(status), statusMessage(status, model)),
  malformedJsonMessage: "There was an error parsing the body of your request: it is not valid JSON.",
  mockError: (status, message) => anthropicError(status, errorTypeForStatus(status), message),
  wantsStream: (_call, request) => request.stream === true,
  synthesize: (_call, request) => synthesize(request),
};

function synthesize(request: RequestFields): Reply {
  const { model, messages } = request;
  // Anthropic validates the required fields in this order and names the first one missing.
  if (typeof model !== "string" || model === "") return fieldRequired("model");
  if (request.max_tokens === undefined) return fieldRequired("max_tokens");
  if (!Array.isArray(messages)) return fieldRequired("messages");
  const message = { ...request, model, messages };
  if (request.stream !== true) return jsonReply(synthesizeMessage(message));
  const events = synthesizeMessageStream(message).map((event) => namedEvent(event.type, JSON.stringify(event)));
  return { kind: "stream", stream: { contentType: SSE_CONTENT_TYPE, events } };
}

function fieldRequired(field: string): Reply {
  return anthropicError(400, "invalid_request_error", `${field}: Field required`);
}
