import { readJsonEvents } from "../stream.js";
import type { RequestOptions, Transport } from "../transport.js";
import type { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from "../types/chat.js";
import { withUserHeader } from "./with-user-header.js";

/** A streamed answer: iterate it once with `for await`; breaking out of the loop closes the connection. */
export interface ChatCompletionStream extends AsyncIterable<ChatCompletionChunk> {
  /** The gateway's `x-igris-request-id`, to find the call in the audit trail. */
  readonly requestId: string | null;
}

/** The body the gateway receives: a stream asks for usage unless the caller decided. */
export function chatRequestBody(request: ChatCompletionRequest): ChatCompletionRequest {
  if (request.stream !== true) return request;
  const streamOptions = request.stream_options ?? {};
  if (streamOptions.include_usage !== undefined) return request;
  return { ...request, stream_options: { ...streamOptions, include_usage: true } };
}

export class ChatCompletions {
  constructor(private readonly transport: Transport) {}

  create(request: ChatCompletionRequest & { stream: true }, options?: RequestOptions): Promise<ChatCompletionStream>;
  create(request: ChatCompletionRequest & { stream?: false | null }, options?: RequestOptions): Promise<ChatCompletionResponse>;
  create(request: ChatCompletionRequest, options?: RequestOptions): Promise<ChatCompletionResponse | ChatCompletionStream>;
  async create(request: ChatCompletionRequest, options: RequestOptions = {}): Promise<ChatCompletionResponse | ChatCompletionStream> {
    const init = { ...options, body: chatRequestBody(request), headers: withUserHeader(request.user, options) };
    if (request.stream !== true) return this.transport.json<ChatCompletionResponse>("POST", "/v1/chat/completions", init);
    const response = await this.transport.send("POST", "/v1/chat/completions", { ...init, accept: "text/event-stream" });
    return streamOf(response, options.signal);
  }
}

function streamOf(response: Response, signal: AbortSignal | undefined): ChatCompletionStream {
  let iterated = false;
  return {
    requestId: response.headers.get("x-igris-request-id"),
    [Symbol.asyncIterator]() {
      if (iterated) throw new TypeError("A chat completion stream can be iterated only once.");
      iterated = true;
      return readJsonEvents<ChatCompletionChunk>(response, signal);
    },
  };
}
