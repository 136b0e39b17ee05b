import { describe, expect, it } from "vitest";
import { SseDecoder } from "./sse-decoder.js";

const feed = (parts: Array<string | Buffer>) => {
  const d = new SseDecoder();
  const out = parts.flatMap((p) => d.push(typeof p === "string" ? Buffer.from(p) : p));
  return [...out, ...d.end()];
};

describe("SseDecoder", () => {
  it("reads named events with JSON data", () => {
    expect(feed(['event: message_start\ndata: {"type":"message_start"}\n\n', 'data: {"a":1}\n\n'])).toEqual([
      { event: "message_start", data: { type: "message_start" } },
      { event: null, data: { a: 1 } },
    ]);
  });

  it("joins an event split across reads, even inside a UTF-8 character", () => {
    const bytes = Buffer.from('data: {"text":"héllo ✓"}\n\n');
    const cut = bytes.indexOf(0xe2) + 1; // inside the check mark
    expect(feed([bytes.subarray(0, 3), bytes.subarray(3, cut), bytes.subarray(cut)])).toEqual([{ event: null, data: { text: "héllo ✓" } }]);
  });

  it("handles CRLF, including a CR and LF in different reads", () => {
    expect(feed(['event: x\r\ndata: {"n":1}\r', "\n\r\n"])).toEqual([{ event: "x", data: { n: 1 } }]);
  });

  it("drops comments, id and retry lines, and [DONE]", () => {
    expect(feed([": keep-alive\n\nid: 7\nretry: 10\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"])).toEqual([{ event: null, data: { n: 2 } }]);
  });

  it("joins multi-line data and keeps a final event without its blank line", () => {
    expect(feed(['data: {"a":\ndata: 1}\n\n', 'data: {"b":2}'])).toEqual([
      { event: null, data: { a: 1 } },
      { event: null, data: { b: 2 } },
    ]);
  });

  it("marks data that is not JSON as undefined instead of throwing", () => {
    expect(feed(["event: error\ndata: upstream exploded\n\n"])).toEqual([{ event: "error", data: undefined }]);
  });

  it("surfaces a bare JSON object appended to the stream (Google's mid-stream error) as an event", () => {
    const text = 'data: {"n":1}\n\n{\n  "error": {\n    "code": 499,\n    "status": "CANCELLED"\n  }\n}\n';
    expect(feed([text.slice(0, 20), text.slice(20)])).toEqual([
      { event: null, data: { n: 1 } },
      { event: null, data: { error: { code: 499, status: "CANCELLED" } } },
    ]);
  });
});
