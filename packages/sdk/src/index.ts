export { Igris, type IgrisOptions } from "./client.js";
export type { ConnectLlmOptions, IgrisConnection } from "./connect-llm.js";
export type { IdentityOptions } from "./identity-headers.js";
export type { FetchFunction, RequestOptions } from "./transport.js";
export type { ChatCompletionStream } from "./resources/chat-completions.js";
export {
  IgrisAuthError,
  IgrisConflictError,
  IgrisError,
  type IgrisErrorBody,
  IgrisPolicyDeniedError,
  IgrisRateLimitError,
  IgrisValidationError,
} from "./errors.js";
export type {
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  ChatCompletionUsage,
  ChatContentPart,
  ChatFinishReason,
  ChatMessage,
  ChatTool,
  ChatToolCall,
  ChatToolCallDelta,
  IgrisResponseMetadata,
} from "./types/chat.js";
export type { Embedding, EmbeddingsRequest, EmbeddingsResponse } from "./types/embeddings.js";
export type { LlmProviderInfo, ProviderAuthStyle } from "./types/providers.js";
export type { AuditListQuery, AuditOutcome, AuditPage, AuditRecord, VirtualKey, VirtualKeyCreate, VirtualKeyUpdate } from "./types/admin.js";
