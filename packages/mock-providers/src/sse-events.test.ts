import { describe, expect, it } from "vitest";
import {
  DONE_EVENT,
  chunkLines,
  eventData,
  frameChunkLines,
  frameTypedChunkLines,
  isUsageOnlyEvent,
  namedEvent,
  splitSseEvents,
  trailingUsageEventIndex,
} from "./sse-events.js";

const usageEvent = 'data: {"id":"c","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}\n\n';
const textEvent = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n';

describe("splitSseEvents", () => {
  it("splits into events that join back into the exact original text", () => {
    const text = `${textEvent}event: error\ndata: {"error":{}}\n\n${DONE_EVENT}`;
    const events = splitSseEvents(text);
    expect(events).toEqual([textEvent, 'event: error\ndata: {"error":{}}\n\n', DONE_EVENT]);
    expect(events.join("")).toBe(text);
  });

  it("handles CRLF framing and a final event without its blank line", () => {
    expect(splitSseEvents("data: a\r\n\r\ndata: b")).toEqual(["data: a\r\n\r\n", "data: b"]);
  });
});

describe("frameChunkLines", () => {
  it("frames each JSON line as a data event and ends with [DONE]", () => {
    expect(frameChunkLines('{"a":1}\n{"b":2}')).toEqual(['data: {"a":1}\n\n', 'data: {"b":2}\n\n', DONE_EVENT]);
  });

  it("skips blank lines such as a trailing newline", () => {
    expect(frameChunkLines('{"a":1}\n\n')).toEqual(['data: {"a":1}\n\n', DONE_EVENT]);
  });
});

describe("trailingUsageEventIndex", () => {
  it("finds OpenAI's final choices:[] usage event before [DONE]", () => {
    expect(trailingUsageEventIndex([textEvent, usageEvent, DONE_EVENT])).toBe(1);
  });

  it("finds it when the recording has no [DONE]", () => {
    expect(trailingUsageEventIndex([textEvent, usageEvent])).toBe(1);
  });

  it("ignores usage carried on a chunk that still has choices (Mistral, DeepSeek)", () => {
    const mistralLast = 'data: {"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"total_tokens":3}}\n\n';
    expect(trailingUsageEventIndex([textEvent, mistralLast, DONE_EVENT])).toBe(-1);
  });

  it("ignores Azure's leading choices:[] event, which has no usage", () => {
    const azureFirst = 'data: {"choices":[],"prompt_filter_results":[]}\n\n';
    expect(trailingUsageEventIndex([azureFirst, textEvent, DONE_EVENT])).toBe(-1);
  });
});

describe("isUsageOnlyEvent", () => {
  it("is false for usage:null, non-JSON and error events", () => {
    expect(isUsageOnlyEvent('data: {"choices":[],"usage":null}\n\n')).toBe(false);
    expect(isUsageOnlyEvent(DONE_EVENT)).toBe(false);
    expect(isUsageOnlyEvent("event: ping\n\n")).toBe(false);
  });
});

describe("eventData", () => {
  it("joins multi-line data fields", () => {
    expect(eventData("event: x\ndata: a\ndata:b\n\n")).toBe("a\nb");
  });
});

describe("named events", () => {
  it("frames a payload under its type, and a payload without one as plain data", () => {
    expect(namedEvent("ping", '{"type":"ping"}')).toBe('event: ping\ndata: {"type":"ping"}\n\n');
    expect(frameTypedChunkLines('{"type":"message_start"}\n\n{"x":1}\nnot json\n')).toEqual([
      'event: message_start\ndata: {"type":"message_start"}\n\n',
      'data: {"x":1}\n\n',
      "data: not json\n\n",
    ]);
  });

  it("lists a recording's non-blank lines, trimmed", () => {
    expect(chunkLines(' {"a":1} \r\n\n{"b":2}')).toEqual(['{"a":1}', '{"b":2}']);
  });
});
