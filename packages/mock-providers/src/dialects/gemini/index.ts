import { SSE_CONTENT_TYPE } from "../../exchange.js";
import { chunkLines } from "../../sse-events.js";
import { bearerToken, headerValue } from "../credentials.js";
import { type DialectCall, type MockDialect, type Reply, type RequestFields, jsonReply } from "../dialect.js";
import { authError, googleError, statusError } from "./errors.js";
import { synthesizeContent, synthesizeContentStream } from "./synthesize-content.js";
import { embedContentText, embedding, vertexPredictions } from "./synthesize-embeddings.js";

/** Gemini streams `data: <GenerateContentResponse>` events with CRLF line ends, as recorded, and no `[DONE]`. */
export function geminiEvent(json: string): string {
  return `data: ${json}\r\n\r\n`;
}

/** Gemini on AI Studio (`/v1beta/models/<m>:<op>`) and Vertex AI (`/v1/projects/…/publishers/google/models/<m>:<op>`). */
export const geminiDialect: MockDialect = {
  name: "gemini",
  routes: [
    {
      pattern: /\/models\/(?<model>[^/:]+)(?::|%3[aA])(?<operation>generateContent|streamGenerateContent|embedContent|batchEmbedContents|predict)$/,
    },
  ],
  apiPath: /(?:\/v1[a-z0-9]*)?(?:\/projects\/[^/]+\/locations\/[^/]+\/publishers\/[^/]+)?$/,
  fixtureFolders: ["google"],
  framing: { contentType: SSE_CONTENT_TYPE, frameChunkLines: (text) => chunkLines(text).map(geminiEvent) },
  presentedKey(call) {
    const header = headerValue(call.headers["x-goog-api-key"]);
    if (header !== undefined) return { key: header, via: "x-goog-api-key" };
    const query = call.query.get("key");
    if (query !== null) return { key: query, via: "query" };
    const bearer = bearerToken(call.headers.authorization);
    return bearer === undefined ? undefined : { key: bearer, via: "bearer" };
  },
  authError,
  statusError: (status, { call, model, retryAfterSeconds }) => statusError(status, call, model, retryAfterSeconds),
  malformedJsonMessage: "Invalid JSON payload received. Unexpected token.",
  mockError: (status, message) => googleError(status, message),
  wantsStream: (call) => call.operation === "streamGenerateContent",
  unsupported(call) {
    if (call.operation === "streamGenerateContent" && call.query.get("alt") !== "sse") {
      return "the mock provider streams streamGenerateContent only as server-sent events: add ?alt=sse";
    }
    return undefined;
  },
  synthesize(call, request) {
    const model = call.pathModel ?? "";
    switch (call.operation) {
      case "generateContent":
      case "streamGenerateContent":
        return generate(call, request, model);
      case "embedContent":
        return embed(request);
      case "batchEmbedContents":
        return batchEmbed(request);
      case "predict":
        return predict(request);
      default:
        throw new Error(`gemini dialect has no synthesizer for "${call.operation}"`);
    }
  },
};

function generate(call: DialectCall, request: RequestFields, model: string): Reply {
  const { contents } = request;
  if (!Array.isArray(contents) || contents.length === 0) {
    return googleError(400, "* GenerateContentRequest.contents: contents is not specified\n");
  }
  const generation = { ...request, contents };
  if (call.operation === "generateContent") return jsonReply(synthesizeContent(generation, model));
  const events = synthesizeContentStream(generation, model).map((chunk) => geminiEvent(JSON.stringify(chunk)));
  return { kind: "stream", stream: { contentType: SSE_CONTENT_TYPE, events } };
}

function embed(request: RequestFields): Reply {
  const text = embedContentText(request.content);
  if (text === undefined) return googleError(400, "* EmbedContentRequest.content: content is not specified\n");
  return jsonReply({ embedding: embedding(text, request.outputDimensionality) });
}

function batchEmbed(request: RequestFields): Reply {
  const { requests } = request;
  if (!Array.isArray(requests) || requests.length === 0) {
    return googleError(400, "* BatchEmbedContentsRequest.requests: requests is not specified\n");
  }
  const embeddings = [];
  for (const [i, item] of requests.entries()) {
    const one = (typeof item === "object" && item !== null ? item : {}) as { content?: unknown; outputDimensionality?: unknown };
    const text = embedContentText(one.content);
    if (text === undefined) return googleError(400, `* BatchEmbedContentsRequest.requests[${i}].content: content is not specified\n`);
    embeddings.push(embedding(text, one.outputDimensionality));
  }
  return jsonReply({ embeddings });
}

function predict(request: RequestFields): Reply {
  const { instances } = request;
  if (!Array.isArray(instances) || instances.length === 0) return googleError(400, "Invalid JSON payload: instances is required.");
  const texts: string[] = [];
  for (const instance of instances) {
    const content = (instance as { content?: unknown } | null)?.content;
    if (typeof content !== "string") return googleError(400, "Invalid JSON payload: each instance needs a string content.");
    texts.push(content);
  }
  const parameters = (request.parameters ?? {}) as { outputDimensionality?: unknown };
  return jsonReply(vertexPredictions(texts, parameters.outputDimensionality));
}
