import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import type { UpstreamEvent } from "../dialect.js";
import { DECODE_ERROR_EVENT, EventStreamDecoder } from "./event-stream-decoder.js";
import { cassetteBinaryBody, decodedMessages, encodeMessages } from "./fixture-events.js";

const STREAMS = [
  ["pyd-bedrock-converse-stream-binary.cassette.yaml", 0, "pyd-bedrock-converse-stream-binary.i0.response.eventstream.jsonl"],
  ["pyd-bedrock-iter-stream-binary.cassette.yaml", 0, "pyd-bedrock-iter-stream-binary.i0.response.eventstream.jsonl"],
  ["pyd-bedrock-iter-stream-binary.cassette.yaml", 1, "pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"],
  ["pyd-bedrock-thinking-stream-binary.cassette.yaml", 0, "pyd-bedrock-thinking-stream-binary.i0.response.eventstream.jsonl"],
  ["pyd-bedrock-stream-empty-text-delta.cassette.yaml", 0, "pyd-bedrock-stream-empty-text-delta.i0.response.eventstream.jsonl"],
] as const;

/** What the decoder should report for each recorded message: padding removed. */
function expectedEvents(jsonl: string): UpstreamEvent[] {
  return decodedMessages(jsonl).map(({ headers, payload }) => {
    const { p: _padding, ...data } = payload as Record<string, unknown>;
    return { event: headers[":event-type"]!, messageType: headers[":message-type"]!, data };
  });
}

function decodeInPieces(bytes: Uint8Array, size: number): UpstreamEvent[] {
  const decoder = new EventStreamDecoder();
  const events: UpstreamEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...decoder.push(bytes.subarray(i, i + size)));
  events.push(...decoder.end());
  return events;
}

function frame(headers: Record<string, string>, body: string): Uint8Array {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  return codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: "string" as const, value: v }])),
    body: fromUtf8(body),
  });
}

describe("decoding Bedrock's binary event stream", () => {
  it.each(STREAMS)("decodes the recorded bytes of %s #%i exactly as the fixture lists them", (cassette, index, jsonl) => {
    const bytes = cassetteBinaryBody(cassette, index);
    expect(decodeInPieces(bytes, bytes.length)).toEqual(expectedEvents(jsonl));
  });

  it.each([1, 2, 3, 5, 11, 64, 1000])("gives the same events when the body arrives %i bytes at a time", (size) => {
    const [cassette, index, jsonl] = STREAMS[1];
    expect(decodeInPieces(cassetteBinaryBody(cassette, index), size)).toEqual(expectedEvents(jsonl));
  });

  it("splits at every byte around each message boundary of re-encoded messages", () => {
    const messages = decodedMessages("pyd-bedrock-stream-empty-text-delta.i0.response.eventstream.jsonl");
    const bytes = encodeMessages(messages);
    const expected = expectedEvents("pyd-bedrock-stream-empty-text-delta.i0.response.eventstream.jsonl");
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = new EventStreamDecoder();
      const events = [...decoder.push(bytes.slice(0, cut)), ...decoder.push(bytes.slice(cut)), ...decoder.end()];
      expect(events).toEqual(expected);
    }
  });

  it("returns several events from one read and nothing for a read that completes none", () => {
    const bytes = encodeMessages(decodedMessages("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
    const decoder = new EventStreamDecoder();
    expect(decoder.push(bytes.subarray(0, 10))).toEqual([]);
    expect(decoder.push(bytes.subarray(10)).length).toBe(9);
  });

  it("trap 10: never hands on the `p` padding field", () => {
    const events = decodeInPieces(cassetteBinaryBody("pyd-bedrock-converse-stream-binary.cassette.yaml"), 7);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.data).not.toHaveProperty("p");
  });

  it("reports exceptions by their :exception-type", () => {
    const bytes = frame(
      { ":exception-type": "throttlingException", ":content-type": "application/json", ":message-type": "exception" },
      '{"message":"Too many requests, please wait before trying again."}',
    );
    expect(new EventStreamDecoder().push(bytes)).toEqual([
      { event: "throttlingException", messageType: "exception", data: { message: "Too many requests, please wait before trying again." } },
    ]);
  });

  it("reads transport errors from the :error-code and :error-message headers", () => {
    const bytes = frame({ ":message-type": "error", ":error-code": "InternalFailure", ":error-message": "We encountered an internal error." }, "");
    expect(new EventStreamDecoder().push(bytes)).toEqual([{ event: "InternalFailure", messageType: "error", data: { message: "We encountered an internal error." } }]);
  });

  it("leaves a payload that is not JSON undefined instead of failing", () => {
    const bytes = frame({ ":event-type": "chunk", ":message-type": "event" }, "not json");
    expect(new EventStreamDecoder().push(bytes)).toEqual([{ event: "chunk", messageType: "event", data: undefined }]);
  });

  it("turns a corrupted message into one decode-error exception and then stops", () => {
    const bytes = encodeMessages(decodedMessages("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
    const corrupted = Uint8Array.from(bytes);
    corrupted[30] = corrupted[30]! ^ 0xff; // inside the first message's headers: its CRC no longer matches
    const decoder = new EventStreamDecoder();
    const events = decoder.push(corrupted);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: DECODE_ERROR_EVENT, messageType: "exception" });
    expect((events[0]!.data as { message: string }).message).toMatch(/checksum/);
    expect(decoder.push(bytes)).toEqual([]);
  });

  it("rejects an impossible message length instead of waiting for 4 GB", () => {
    const events = new EventStreamDecoder().push(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
    expect(events[0]).toMatchObject({ event: DECODE_ERROR_EVENT, messageType: "exception" });
  });

  it("reports a body cut off inside a message at the end", () => {
    const bytes = encodeMessages(decodedMessages("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
    const decoder = new EventStreamDecoder();
    const events = decoder.push(bytes.subarray(0, bytes.length - 5));
    expect(events).toHaveLength(8);
    expect(decoder.end()).toEqual([
      { event: DECODE_ERROR_EVENT, messageType: "exception", data: { message: expect.stringMatching(/ended inside a message/) } },
    ]);
  });

  it("does not keep a reference to a read that the caller may reuse", () => {
    const bytes = encodeMessages(decodedMessages("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
    const decoder = new EventStreamDecoder();
    const read = Uint8Array.from(bytes.subarray(0, 50));
    decoder.push(read);
    read.fill(0);
    expect(decoder.push(bytes.subarray(50))).toEqual(expectedEvents("pyd-bedrock-iter-stream-binary.i1.response.eventstream.jsonl"));
  });
});
