import { type DialectCall, type MockDialect, type Reply, type RequestFields, jsonReply } from "../dialect.js";
import { bedrockKey } from "./credentials.js";
import { authError, bedrockError, errorTypeForStatus, statusError } from "./errors.js";
import {
  EVENT_STREAM_CONTENT_TYPE,
  encodeEvent,
  frameChunkLines,
  frameEventStreamJsonl,
} from "./event-stream.js";
import { synthesizeConverse, synthesizeConverseStream } from "./synthesize-converse.js";
import { synthesizeInvoke } from "./synthesize-invoke.js";

/** Bedrock Runtime: Converse, ConverseStream (binary AWS event stream) and InvokeModel. */
export const bedrockDialect: MockDialect = {
  name: "bedrock",
  routes: [{ pattern: /\/model\/(?<model>[^/]+)\/(?<operation>converse|converse-stream|invoke)$/ }],
  fixtureFolders: ["bedrock"],
  framing: { contentType: EVENT_STREAM_CONTENT_TYPE, frameChunkLines, frameEventStreamJsonl },
  presentedKey: (call) => bedrockKey(call.headers),
  authError: (presented) => authError(presented !== undefined),
  statusError: (status) => statusError(status),
  recordedErrorHeaders: (status) => ({ "x-amzn-errortype": errorTypeForStatus(status) }),
  malformedJsonMessage: "Malformed input request, please reformat your input and try again.",
  mockError: (status, message) => bedrockError(status, errorTypeForStatus(status), message),
  wantsStream: (call) => call.operation === "converse-stream",
  synthesize(call, request) {
    const modelId = call.pathModel ?? "";
    if (call.operation === "invoke") return invoke(modelId, request);
    return converse(call, request);
  },
};

function converse(call: DialectCall, request: RequestFields): Reply {
  const { messages } = request;
  if (!Array.isArray(messages) || messages.length === 0) {
    return bedrockError(
      400,
      "ValidationException",
      "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    );
  }
  const converseRequest = { ...request, messages };
  if (call.operation === "converse") return jsonReply(synthesizeConverse(converseRequest));
  const events = synthesizeConverseStream(converseRequest).map((event) => encodeEvent(event.eventType, event.payload));
  return { kind: "stream", stream: { contentType: EVENT_STREAM_CONTENT_TYPE, events } };
}

function invoke(modelId: string, request: RequestFields): Reply {
  const answer = synthesizeInvoke(modelId, request);
  if (answer !== undefined) return jsonReply(answer);
  return bedrockError(
    400,
    "ValidationException",
    `The mock provider cannot synthesize an InvokeModel answer for ${modelId} from this body ` +
      "(it knows Anthropic messages, Titan inputText and Cohere texts); replay a fixture instead.",
  );
}
