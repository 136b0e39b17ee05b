import { describe, expect, it } from "vitest";
import { decodeMessage, encodeEvent, encodeException, frameChunkLines, frameEventStreamJsonl, splitMessages } from "./event-stream.js";

describe("AWS event-stream encoding", () => {
  it("round-trips an event with Bedrock's three headers", () => {
    const bytes = encodeEvent("messageStart", { role: "assistant" });
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)).toBe(bytes.byteLength);
    expect(decodeMessage(bytes)).toEqual({
      headers: { ":event-type": "messageStart", ":content-type": "application/json", ":message-type": "event" },
      payload: { role: "assistant" },
    });
  });

  it("marks exceptions with :exception-type", () => {
    expect(decodeMessage(encodeException("throttlingException", { message: "slow" })).headers).toMatchObject({
      ":exception-type": "throttlingException",
      ":message-type": "exception",
    });
  });

  it("frames Vercel lines by their key, exceptions included", () => {
    const messages = frameChunkLines('{"contentBlockStop":{"contentBlockIndex":0}}\n{"modelStreamErrorException":{"message":"x"}}\n').map(decodeMessage);
    expect(messages.map((m) => m.headers[":event-type"] ?? m.headers[":exception-type"])).toEqual(["contentBlockStop", "modelStreamErrorException"]);
  });

  it("frames pydantic-ai's decoded records with their headers in order", () => {
    const [message] = frameEventStreamJsonl('{"headers":{":event-type":"metadata",":content-type":"application/json",":message-type":"event"},"payload":{"p":"ab"}}');
    expect(Object.keys(decodeMessage(message!).headers)).toEqual([":event-type", ":content-type", ":message-type"]);
    expect(() => frameEventStreamJsonl('{"payload":{}}')).toThrow(/no headers/);
  });

  it("splits a body into whole messages and ignores a torn tail", () => {
    const a = encodeEvent("a", {});
    const b = encodeEvent("b", { x: 1 });
    const body = Buffer.concat([a, b, b.subarray(0, 10)]);
    expect(splitMessages(body).map((m) => decodeMessage(m).headers[":event-type"])).toEqual(["a", "b"]);
  });
});
