import { describe, expect, it } from "vitest";
import { SseDecoder } from "./sse.js";
import { everySplit } from "./test-support/fake-fetch.js";

const decodeAll = (pieces: string[]) => {
  const d = new SseDecoder();
  return [...pieces.flatMap((p) => d.push(p)), ...d.end()];
};

describe("server-sent events", () => {
  const wire = 'data: {"a":1}\n\n: keep-alive comment\n\nevent: error\ndata: {"b":\ndata: 2}\n\ndata: [DONE]\n\n';
  const expected = [
    { event: null, data: '{"a":1}' },
    { event: "error", data: '{"b":\n2}' },
    { event: null, data: "[DONE]" },
  ];

  it("reads events, joining multi-line data and skipping comments", () => {
    expect(decodeAll([wire])).toEqual(expected);
  });

  it("gives the same events however the text is split across reads", () => {
    for (const pieces of everySplit(wire)) expect(decodeAll(pieces)).toEqual(expected);
    expect(decodeAll([...wire])).toEqual(expected);
  });

  it("accepts \\r\\n and \\r line ends, even a \\r\\n split between two reads", () => {
    const crlf = wire.replaceAll("\n", "\r\n");
    for (const pieces of everySplit(crlf)) expect(decodeAll(pieces)).toEqual(expected);
    expect(decodeAll([wire.replaceAll("\n", "\r")])).toEqual(expected);
  });

  it("takes data without a space after the colon, and ignores other fields", () => {
    expect(decodeAll(["id: 7\nretry: 100\ndata:x\n\n"])).toEqual([{ event: null, data: "x" }]);
  });

  it("drops an event whose blank line never came", () => {
    expect(decodeAll(['data: {"a":1}\n\ndata: {"cut'])).toEqual([{ event: null, data: '{"a":1}' }]);
  });

  it("does not dispatch an event name alone", () => {
    expect(decodeAll(["event: ping\n\ndata: y\n\n"])).toEqual([{ event: null, data: "y" }]);
  });
});
