import { SSE_CONTENT_TYPE } from "../../exchange.js";
import { openAIError } from "../../openai-errors.js";
import { DONE_EVENT, dataEvent } from "../../sse-events.js";
import { synthesizeChatCompletion, synthesizeChatStream } from "../../synthesize-chat.js";
import { synthesizeEmbeddings } from "../../synthesize-embeddings.js";
import { type DialectCall, type Reply, type RequestFields, jsonReply } from "../dialect.js";
import { synthesizeImages } from "./synthesize-image.js";
import { SPEECH_FORMATS, synthesizeSpeech } from "./synthesize-speech.js";
import { TRANSCRIPTION_FORMATS, type TranscriptionTask, synthesizeTranscription } from "./synthesize-transcription.js";

type Synthesizer = (call: DialectCall, request: RequestFields) => Reply;

/** One synthesizer per OpenAI operation; each refuses what OpenAI would refuse with OpenAI's 400. */
export const OPENAI_SYNTHESIZERS: Readonly<Record<string, Synthesizer>> = {
  chat: (_call, request) => {
    const model = requireModel(request);
    if (typeof model !== "string") return model;
    const { messages } = request;
    if (!Array.isArray(messages)) return missingParameter("messages");
    const chat = { ...request, model, messages };
    if (request.stream !== true) return jsonReply(synthesizeChatCompletion(chat));
    const events = synthesizeChatStream(chat).map((chunk) => dataEvent(JSON.stringify(chunk)));
    events.push(DONE_EVENT);
    return { kind: "stream", stream: { contentType: SSE_CONTENT_TYPE, events } };
  },
  embeddings: (_call, request) => {
    const model = requireModel(request);
    if (typeof model !== "string") return model;
    if (request.input === undefined) return missingParameter("input");
    return jsonReply(synthesizeEmbeddings({ ...request, model, input: request.input }));
  },
  images: (call, request) => {
    const { prompt } = request;
    if (typeof prompt !== "string" || prompt === "") return missingParameter("prompt");
    if (request.stream === true) return invalid("The mock provider does not stream image generations.", "stream");
    const format = request.output_format;
    if (format !== undefined && format !== "png") {
      return invalid(`The mock provider only generates png images, not '${String(format)}'.`, "output_format");
    }
    return jsonReply(synthesizeImages({ ...request, prompt }, call.origin));
  },
  speech: (_call, request) => {
    const model = requireModel(request);
    if (typeof model !== "string") return model;
    const { input } = request;
    if (typeof input !== "string") return missingParameter("input");
    if (typeof request.voice !== "string") return missingParameter("voice");
    if (request.stream_format === "sse") return invalid("The mock provider does not stream speech as server-sent events.", "stream_format");
    const audio = synthesizeSpeech({ ...request, input });
    if (!audio) {
      const known = Object.keys(SPEECH_FORMATS).join("', '");
      return invalid(`The mock provider synthesizes response_format '${known}' only.`, "response_format");
    }
    return { kind: "bytes", contentType: audio.contentType, body: audio.body };
  },
  transcriptions: (call, request) => transcription(call, request, "transcribe"),
  translations: (call, request) => transcription(call, request, "translate"),
};

function transcription(call: DialectCall, fields: RequestFields, task: TranscriptionTask): Reply {
  const file = call.form?.files.file;
  if (!file) return missingParameter("file");
  if (fields.stream === "true") return invalid("The mock provider does not stream transcriptions.", "stream");
  const { model } = fields;
  if (typeof model !== "string" || model === "") return missingParameter("model");
  const responseFormat = typeof fields.response_format === "string" ? fields.response_format : "json";
  if (!(TRANSCRIPTION_FORMATS as readonly string[]).includes(responseFormat)) {
    const known = TRANSCRIPTION_FORMATS.map((f) => `'${f}'`).join(", ");
    return invalid(`'${responseFormat}' is not one of ${known} - 'response_format'`, "response_format");
  }
  const rawGranularities = fields["timestamp_granularities[]"] ?? [];
  const granularities = Array.isArray(rawGranularities) ? rawGranularities.map(String) : [String(rawGranularities)];
  const language = typeof fields.language === "string" ? fields.language : undefined;
  const answer = synthesizeTranscription({ model, file, task, responseFormat, granularities, ...(language ? { language } : {}) });
  return answer.kind === "json" ? jsonReply(answer.body) : { kind: "bytes", contentType: answer.contentType, body: answer.body };
}

function requireModel(request: RequestFields): string | Reply {
  const { model } = request;
  if (typeof model === "string" && model !== "") return model;
  return jsonReply(openAIError("you must provide a model parameter", "invalid_request_error"), 400);
}

function missingParameter(param: string): Reply {
  return jsonReply(
    openAIError(`Missing required parameter: '${param}'.`, "invalid_request_error", "missing_required_parameter", param),
    400,
  );
}

function invalid(message: string, param: string): Reply {
  return jsonReply(openAIError(message, "invalid_request_error", "invalid_value", param), 400);
}
