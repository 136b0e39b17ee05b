export { startMockProvider } from "./server.js";
export type { MockProvider, MockProviderOptions } from "./server.js";
export type { MockRequestRecord } from "./request-log.js";
export { DIRECTIVE_KEYS, DirectiveError, mergeDirectives, parseDirectives } from "./directives.js";
export type { Directives } from "./directives.js";
export {
  demoAnswerText,
  newResponseIdentity,
  synthesizeChatCompletion,
  synthesizeChatStream,
  wantsStreamUsage,
} from "./synthesize-chat.js";
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequest,
  ChatUsage,
  FinishReason,
  ResponseIdentity,
} from "./synthesize-chat.js";
export { DEFAULT_DIMENSIONS, synthesizeEmbeddings } from "./synthesize-embeddings.js";
export type { EmbeddingsRequest, EmbeddingsResponse } from "./synthesize-embeddings.js";
export { MODEL_FIXTURES } from "./model-fixtures.js";
export type { ModelFixture, ResponseVariant } from "./model-fixtures.js";
export { FixtureError, FixtureStore, OPENAI_FRAMING, defaultFixturesDir } from "./fixture-store.js";
export type { Fixture, JsonFixture, StreamFixture } from "./fixture-store.js";
export { errorBodyForStatus, invalidApiKeyBody, maskApiKey } from "./openai-errors.js";
export type { OpenAIErrorBody } from "./openai-errors.js";
export { DIALECTS, framingForFolder } from "./dialects/registry.js";
export type { DialectName, MockDialect } from "./dialects/dialect.js";
export { MOCK_ERROR_HEADER } from "./respond.js";
export type { UploadedFile } from "./request-body.js";
export {
  EVENT_STREAM_CONTENT_TYPE,
  decodeMessage,
  encodeEvent,
  encodeException,
  splitMessages,
} from "./dialects/bedrock/event-stream.js";
