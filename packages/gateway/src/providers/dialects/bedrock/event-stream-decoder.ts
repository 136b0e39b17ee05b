import { EventStreamCodec, type Message, type MessageHeaders } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import type { UpstreamEvent } from "../dialect.js";

/** The smallest message: prelude (8) + prelude CRC (4) + message CRC (4), no headers, no body. */
const MIN_MESSAGE_BYTES = 16;
/** AWS caps one event-stream message at 16 MB; a larger length means the bytes are not a message boundary. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const EMPTY = new Uint8Array(0);

/** The event name the decoder reports when the bytes themselves are broken; the translator treats it as an exception. */
export const DECODE_ERROR_EVENT = "eventStreamDecodeError";

/**
 * Turns an `application/vnd.amazon.eventstream` body into events, fed read by read. A
 * message may be split across reads and one read may hold several; the smithy codec checks
 * both CRCs and parses the headers, this class only finds where each message ends.
 */
export class EventStreamDecoder {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);
  private pending: Uint8Array = EMPTY;
  private broken = false;

  /** Events completed by this read, in order (often none, sometimes several). */
  push(bytes: Uint8Array): UpstreamEvent[] {
    if (this.broken || bytes.length === 0) return [];
    const data = this.pending.length === 0 ? bytes : concat(this.pending, bytes);
    const events: UpstreamEvent[] = [];
    let offset = 0;
    while (data.length - offset >= 4) {
      const length = new DataView(data.buffer, data.byteOffset + offset, 4).getUint32(0, false);
      if (length < MIN_MESSAGE_BYTES || length > MAX_MESSAGE_BYTES) {
        events.push(this.fail(`a message claims to be ${length} bytes long`));
        return events;
      }
      if (data.length - offset < length) break;
      let message: Message;
      try {
        message = this.codec.decode(data.subarray(offset, offset + length));
      } catch (err) {
        events.push(this.fail(err instanceof Error ? err.message : String(err)));
        return events;
      }
      events.push(toUpstreamEvent(message));
      offset += length;
    }
    // Copy what is left: the caller may reuse the memory of the read it handed us.
    this.pending = offset === data.length ? EMPTY : data.slice(offset);
    return events;
  }

  /** Call at the end of the body: bytes left over mean the last message was cut off. */
  end(): UpstreamEvent[] {
    if (this.broken || this.pending.length === 0) return [];
    const left = this.pending.length;
    this.pending = EMPTY;
    return [this.fail(`the stream ended inside a message (${left} bytes left over)`)];
  }

  private fail(reason: string): UpstreamEvent {
    this.broken = true;
    this.pending = EMPTY;
    return { event: DECODE_ERROR_EVENT, messageType: "exception", data: { message: `Amazon Bedrock's event stream could not be decoded: ${reason}.` } };
  }
}

function toUpstreamEvent(message: Message): UpstreamEvent {
  const messageType = headerText(message.headers, ":message-type") ?? "event";
  if (messageType === "error") {
    // Transport-level errors carry their code and text in headers, not in the payload.
    const code = headerText(message.headers, ":error-code") ?? "error";
    return { event: code, messageType, data: { message: headerText(message.headers, ":error-message") ?? code } };
  }
  const event = headerText(message.headers, messageType === "exception" ? ":exception-type" : ":event-type") ?? null;
  return { event, messageType, data: parsePayload(message.body) };
}

function headerText(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === "string" ? header.value : undefined;
}

function parsePayload(body: Uint8Array): unknown {
  if (body.length === 0) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(toUtf8(body));
  } catch {
    return undefined;
  }
  // `p` is random-length padding against traffic analysis (trap 10): nothing downstream may see it.
  if (data !== null && typeof data === "object" && !Array.isArray(data) && "p" in data) delete (data as Record<string, unknown>).p;
  return data;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
