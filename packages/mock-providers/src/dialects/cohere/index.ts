import { SSE_CONTENT_TYPE } from "../../exchange.js";
import { DONE_EVENT, frameTypedChunkLines, namedEvent } from "../../sse-events.js";
import { bearerToken } from "../credentials.js";
import { type MockDialect, type Reply, type RequestFields, jsonReply } from "../dialect.js";
import { cohereError, statusMessage } from "./errors.js";
import { synthesizeCohereChat, synthesizeCohereChatStream } from "./synthesize-chat.js";
import { EMBEDDING_TYPES, type EmbeddingType, isEmbeddingType, synthesizeCohereEmbed } from "./synthesize-embed.js";

/**
 * Cohere's v2 stream: `event: <type>` + `data: <json>` per event, closed by
 * `data: [DONE]` as recorded v2 streams end (its SDKs stop reading there).
 */
export function frameCohereChunkLines(text: string): string[] {
  return [...frameTypedChunkLines(text), DONE_EVENT];
}

/** Cohere's v2 API: `/v2/chat` and `/v2/embed`, bearer auth, `{id, message}` errors. */
export const cohereDialect: MockDialect = {
  name: "cohere",
  routes: [
    { pattern: /\/v2\/chat$/, operation: "chat" },
    { pattern: /\/v2\/embed$/, operation: "embed" },
  ],
  fixtureFolders: ["cohere"],
  framing: { contentType: SSE_CONTENT_TYPE, frameChunkLines: frameCohereChunkLines },
  presentedKey(call) {
    const key = bearerToken(call.headers.authorization);
    return key === undefined ? undefined : { key, via: "bearer" };
  },
  authError: (presented) => cohereError(401, presented ? "invalid api token" : "no api key supplied"),
  statusError: (status, { model }) => cohereError(status, statusMessage(status, model)),
  malformedJsonMessage: "invalid request: the request body is not valid JSON.",
  mockError: (status, message) => cohereError(status, message),
  wantsStream: (call, request) => call.operation === "chat" && request.stream === true,
  synthesize: (call, request) => (call.operation === "chat" ? chat(request) : embed(request)),
};

function chat(request: RequestFields): Reply {
  const { model, messages } = request;
  if (typeof model !== "string" || model === "") return cohereError(400, "invalid request: model must be a non-empty string.");
  if (!Array.isArray(messages)) return cohereError(400, "invalid request: messages must be an array.");
  const chatRequest = { ...request, messages };
  if (request.stream !== true) return jsonReply(synthesizeCohereChat(chatRequest));
  const events = synthesizeCohereChatStream(chatRequest).map((event) => namedEvent(event.type, JSON.stringify(event)));
  events.push(DONE_EVENT);
  return { kind: "stream", stream: { contentType: SSE_CONTENT_TYPE, events } };
}

function embed(request: RequestFields): Reply {
  const { model, texts } = request;
  if (typeof model !== "string" || model === "") return cohereError(400, "invalid request: model must be a non-empty string.");
  if (!Array.isArray(texts) || !texts.every((t): t is string => typeof t === "string")) {
    return cohereError(400, "invalid request: texts must be an array of strings (the mock does not embed images or inputs).");
  }
  const requested = request.embedding_types ?? ["float"];
  if (!Array.isArray(requested) || !requested.every(isEmbeddingType)) {
    return cohereError(400, `invalid request: the mock provider synthesizes embedding_types ${EMBEDDING_TYPES.join(", ")} only.`);
  }
  return jsonReply(synthesizeCohereEmbed(texts, requested as EmbeddingType[], request.output_dimension));
}
