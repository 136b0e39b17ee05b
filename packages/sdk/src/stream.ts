import { errorFromStreamEvent, IgrisError, type IgrisErrorBody, isErrorBody } from "./errors.js";
import { SseDecoder } from "./sse.js";
import { transportFailure } from "./transport.js";

/**
 * The JSON payloads of an OpenAI-style event stream, until `data: [DONE]`. An error event
 * (an `error` object, or `event: error`) is thrown as an `IgrisError`, and so is a stream
 * that ends without `[DONE]`: a cut answer is never mistaken for a complete one.
 */
export async function* readJsonEvents<T>(response: Response, signal?: AbortSignal): AsyncGenerator<T, void, undefined> {
  // Errors inside a 200 stream have no HTTP error status; the headers still name the request.
  const inStream = { status: null, headers: response.headers };
  if (!response.body) throw new IgrisError("The gateway's stream has no body.", { ...inStream, code: "invalid_response" });
  const reader = response.body.getReader();
  const text = new TextDecoder();
  const sse = new SseDecoder();
  let finished = false;
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (err) {
        throw transportFailure(err, signal, "The gateway's stream broke", inStream);
      }
      const events = read.done ? [...sse.push(text.decode()), ...sse.end()] : sse.push(text.decode(read.value, { stream: true }));
      for (const event of events) {
        if (event.data === "[DONE]") {
          finished = true;
          return;
        }
        if (event.event === "error") throw errorFromStreamEvent(errorEventBody(event.data), response.headers);
        const payload = parseEvent(event.data, response.headers);
        if (isErrorBody(payload)) throw errorFromStreamEvent(payload, response.headers);
        yield payload as T;
      }
      if (read.done) {
        finished = true;
        throw new IgrisError("The gateway's stream ended before [DONE]: the answer may be incomplete.", { ...inStream, code: "stream_incomplete" });
      }
    }
  } finally {
    // Stopped early (break, a thrown error): release the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** An `event: error` (Groq's style) whose data may or may not be the usual error body. */
function errorEventBody(data: string): IgrisErrorBody {
  try {
    const parsed: unknown = JSON.parse(data);
    if (isErrorBody(parsed)) return parsed;
  } catch {
    // Plain text: it becomes the message.
  }
  return { error: { message: data, type: "api_error", param: null, code: null } };
}

function parseEvent(data: string, headers: Headers): unknown {
  try {
    return JSON.parse(data);
  } catch (err) {
    throw new IgrisError(`The gateway sent a stream event that is not JSON: ${data.slice(0, 200)}`, { status: null, headers, code: "invalid_response", cause: err });
  }
}
