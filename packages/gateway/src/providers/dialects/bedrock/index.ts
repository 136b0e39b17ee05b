import type { Dialect } from "../dialect.js";
import { bedrockError } from "./bedrock-error.js";
import { converseRequestBody } from "./converse-request.js";
import { converseResponse } from "./converse-response.js";
import { ConverseStreamTranslator } from "./converse-stream.js";
import { bedrockUsageOf } from "./converse-usage.js";
import { embeddingsRequestBody } from "./embeddings-request.js";
import { embeddingsResponse } from "./embeddings-response.js";
import { bedrockUpstreamRequest } from "./upstream-request.js";

export { EventStreamDecoder } from "./event-stream-decoder.js";

/**
 * Amazon Bedrock: chat through Converse / ConverseStream (one wire format for every model
 * family), embeddings through InvokeModel (Titan and Cohere bodies). Requests are signed
 * with SigV4, or carry a Bedrock API key as a bearer token. Streams are AWS binary event
 * streams: decode them with `EventStreamDecoder` and feed its events to `chatStream`.
 */
export const bedrockDialect: Dialect = {
  framing: "aws-eventstream",
  // async, so a request that cannot be translated rejects like a signing failure does
  chatRequest: async (body, target, stream) => bedrockUpstreamRequest(target, stream ? "converse-stream" : "converse", converseRequestBody(body, target.model)),
  chatResponse: converseResponse,
  chatStream: (ident) => new ConverseStreamTranslator(ident),
  usageOf: bedrockUsageOf,
  error: bedrockError,
  embeddingsRequest: async (body, target) => bedrockUpstreamRequest(target, "invoke", embeddingsRequestBody(body, target.model)),
  embeddingsResponse,
};
