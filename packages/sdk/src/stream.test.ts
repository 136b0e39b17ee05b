import { describe, expect, it } from "vitest";
import { IgrisError, IgrisPolicyDeniedError } from "./errors.js";
import { readJsonEvents } from "./stream.js";
import { everySplit, sse } from "./test-support/fake-fetch.js";

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

describe("reading a JSON event stream", () => {
  it("yields each payload and stops at [DONE], whatever the read boundaries", async () => {
    const wire = `${chunk("Hel")}: comment\n\n${chunk("lo")}data: {"choices":[],"usage":{"prompt_tokens":3}}\n\ndata: [DONE]\n\n`;
    for (const pieces of everySplit(wire)) {
      const events = await collect(readJsonEvents<any>(sse(pieces)));
      expect(events.map((e) => e.choices[0]?.delta.content ?? null)).toEqual(["Hel", "lo", null]);
      expect(events.at(-1).usage).toEqual({ prompt_tokens: 3 });
    }
  });

  it("decodes UTF-8 split inside a character", async () => {
    const bytes = new TextEncoder().encode(chunk("héllo ✓"));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const b of bytes) c.enqueue(Uint8Array.of(b));
        c.enqueue(new TextEncoder().encode("data: [DONE]\n\n"));
        c.close();
      },
    });
    const events = await collect(readJsonEvents<any>(new Response(body)));
    expect(events[0].choices[0].delta.content).toBe("héllo ✓");
  });

  it("throws an error event sent after the 200 from the iterator, after the chunks before it", async () => {
    const error = { error: { message: "The provider's stream ended before the answer was complete.", type: "api_error", param: null, code: "upstream_stream_interrupted" } };
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of readJsonEvents<any>(sse([chunk("partial"), `data: ${JSON.stringify(error)}\n\n`], { "x-igris-request-id": "req_9" }))) seen.push(e.choices[0].delta.content);
    })().catch((e) => e);
    expect(seen).toEqual(["partial"]);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ status: null, code: "upstream_stream_interrupted", requestId: "req_9", response: error });
  });

  it("throws a guard's stop as a policy denial, and an `event: error` too", async () => {
    const guard = { error: { message: "blocked", type: "policy_denied", param: null, code: "content_guard_response", rule_id: "pii" } };
    await expect(collect(readJsonEvents(sse([`data: ${JSON.stringify(guard)}\n\n`])))).rejects.toBeInstanceOf(IgrisPolicyDeniedError);
    await expect(collect(readJsonEvents(sse(["event: error\ndata: overloaded\n\n"])))).rejects.toMatchObject({ message: "Stream error: overloaded" });
  });

  it("refuses a stream that ends without [DONE] rather than passing it off as complete", async () => {
    await expect(collect(readJsonEvents(sse([chunk("cut")])))).rejects.toMatchObject({ code: "stream_incomplete", status: null });
  });

  it("refuses an event that is not JSON", async () => {
    await expect(collect(readJsonEvents(sse(["data: {oops\n\n"])))).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("cancels the body when the reader stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new TextEncoder().encode(chunk("again")));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of readJsonEvents(new Response(body))) break;
    expect(cancelled).toBe(true);
  });

  it("turns an abort while reading into an IgrisError with the cause", async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(chunk("first")));
        controller.signal.addEventListener("abort", () => c.error(controller.signal.reason));
      },
    });
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const e of readJsonEvents(new Response(body), controller.signal)) {
        seen.push(e);
        controller.abort();
      }
    })().catch((e) => e);
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ code: "aborted", status: null });
    expect(err.cause).toBe(controller.signal.reason);
  });
});
