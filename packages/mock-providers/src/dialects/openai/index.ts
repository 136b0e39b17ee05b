import { type ResponseVariant, modelFixture } from "../../model-fixtures.js";
import { MALFORMED_JSON_MESSAGE, errorBodyForStatus, invalidApiKeyBody, openAIError } from "../../openai-errors.js";
import { OPENAI_FRAMING } from "./framing.js";
import { type MockDialect, type PresentedKey, type RequestFields, jsonReply } from "../dialect.js";
import { bearerToken } from "../credentials.js";
import { OPENAI_SYNTHESIZERS } from "./synthesize.js";

/**
 * OpenAI and every OpenAI-compatible provider (xAI, DeepSeek, Mistral, Groq, Azure's
 * deployment paths): chat completions, embeddings, images and audio.
 */
export const openaiDialect: MockDialect = {
  name: "openai",
  routes: [
    { pattern: /\/chat\/completions$/, operation: "chat" },
    { pattern: /\/embeddings$/, operation: "embeddings" },
    { pattern: /\/images\/generations$/, operation: "images" },
    { pattern: /\/audio\/speech$/, operation: "speech" },
    { pattern: /\/audio\/transcriptions$/, operation: "transcriptions", body: "form" },
    { pattern: /\/audio\/translations$/, operation: "translations", body: "form" },
  ],
  // `/v1`, or Azure's `/openai[/deployments/<name>][/v1]` between the base URL and the operation.
  apiPath: /(?:\/openai(?:\/deployments\/[^/]+)?(?:\/v1)?|\/v1)$/,
  fixtureFolders: [],
  framing: OPENAI_FRAMING,
  presentedKey(call): PresentedKey | undefined {
    const bearer = bearerToken(call.headers.authorization);
    if (bearer !== undefined) return { key: bearer, via: "bearer" };
    const azureKey = call.headers["api-key"];
    return typeof azureKey === "string" ? { key: azureKey, via: "api-key" } : undefined;
  },
  authError: (presented) => jsonReply(invalidApiKeyBody(presented?.key), 401),
  statusError: (status, { model, presented, retryAfterSeconds }) =>
    jsonReply(errorBodyForStatus(status, { model, apiKey: presented?.key, retryAfterSeconds }), status),
  malformedJsonMessage: MALFORMED_JSON_MESSAGE,
  mockError: (status, message, code) =>
    jsonReply(openAIError(message, status >= 500 ? "server_error" : "invalid_request_error", code), status),
  wantsStream: (call, request) => call.operation === "chat" && request.stream === true,
  modelFixture(call, request) {
    if (call.operation !== "chat" && call.operation !== "embeddings") return undefined;
    return modelFixture(call.operation, request.model, variantOf(call.operation, request));
  },
  synthesize(call, request) {
    const synthesizer = OPENAI_SYNTHESIZERS[call.operation];
    if (!synthesizer) throw new Error(`openai dialect has no synthesizer for "${call.operation}"`);
    return synthesizer(call, request);
  },
};

function variantOf(operation: "chat" | "embeddings", request: RequestFields): ResponseVariant {
  if (operation === "embeddings") return request.encoding_format === "base64" ? "base64" : "float";
  return request.stream === true ? "stream" : "json";
}
