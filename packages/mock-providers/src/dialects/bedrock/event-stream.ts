import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { chunkLines } from "../../sse-events.js";

/** Bedrock's streaming content type: binary AWS event-stream messages, each with its own CRCs. */
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Encodes one message whose headers are all strings, in the order given, with a JSON payload. */
export function encodeMessage(headers: Readonly<Record<string, string>>, payload: unknown): Uint8Array {
  const typed: Record<string, { type: "string"; value: string }> = {};
  for (const [name, value] of Object.entries(headers)) typed[name] = { type: "string", value };
  return codec.encode({ headers: typed, body: fromUtf8(JSON.stringify(payload)) });
}

/** Converse-stream events are named by `:event-type`; errors mid-stream by `:exception-type`. */
export function encodeEvent(eventType: string, payload: unknown): Uint8Array {
  return encodeMessage({ ":event-type": eventType, ":content-type": "application/json", ":message-type": "event" }, payload);
}

export function encodeException(exceptionType: string, payload: unknown): Uint8Array {
  return encodeMessage(
    { ":exception-type": exceptionType, ":content-type": "application/json", ":message-type": "exception" },
    payload,
  );
}

/** Decodes one message (tests and clients of the mock read streams with this). */
export function decodeMessage(bytes: Uint8Array): { headers: Record<string, string>; payload: unknown } {
  const message = codec.decode(bytes);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value);
  return { headers, payload: JSON.parse(toUtf8(message.body)) };
}

/** Splits a body into its messages by their length prefixes. */
export function splitMessages(body: Uint8Array): Uint8Array[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const messages: Uint8Array[] = [];
  for (let offset = 0; offset + 4 <= body.byteLength; ) {
    const length = view.getUint32(offset);
    if (length < 16 || offset + length > body.byteLength) break;
    messages.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return messages;
}

/** pydantic-ai's decoded recordings: one `{headers, payload}` per line. */
export function frameEventStreamJsonl(text: string): Uint8Array[] {
  return chunkLines(text).map((line, i) => {
    const record = JSON.parse(line) as { headers?: unknown; payload?: unknown };
    if (typeof record.headers !== "object" || record.headers === null) throw new Error(`line ${i + 1} has no headers`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.headers)) headers[name] = String(value);
    return encodeMessage(headers, record.payload ?? {});
  });
}

/**
 * The Vercel AI SDK's recordings: one `{<eventType>: payload}` per line. A key
 * ending in `Exception` was an exception message on the wire.
 */
export function frameChunkLines(text: string): Uint8Array[] {
  return chunkLines(text).map((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const [name, payload] = Object.entries(record)[0] ?? ["", {}];
    return name.endsWith("Exception") ? encodeException(name, payload) : encodeEvent(name, payload);
  });
}
