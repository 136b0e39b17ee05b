import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { SseRelay } from "./sse-relay.js";

const sse = (path: string) => readFileSync(wireFixture(path));
const framedChunks = (path: string) =>
  Buffer.from(
    readFileSync(wireFixture(path), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `data: ${l}\n\n`)
      .join("") + "data: [DONE]\n\n",
  );

/** The recording as a client must see it: without OpenAI's `obfuscation` padding (trap 10). */
const unpadded = (text: string) => text.replace(/,"obfuscation":"[A-Za-z0-9]*"/g, "");

/** Feeds the bytes in pieces of `size` to show events split across network reads survive. */
function relay(bytes: Buffer, clientWantsUsage: boolean, size = 7) {
  const r = new SseRelay(clientWantsUsage);
  let out = "";
  for (let i = 0; i < bytes.length; i += size) out += Buffer.concat(r.push(bytes.subarray(i, i + size))).toString("utf8");
  out += r.flush();
  return { r, out };
}

describe("relaying an OpenAI-dialect stream", () => {
  it("captures usage from OpenAI's final usage chunk and forwards it when the client asked", () => {
    const bytes = sse("openai/pyd-openai-stream-tool-call-include-usage.i0.response.sse");
    const { r, out } = relay(bytes, true);
    expect(out).toBe(unpadded(bytes.toString("utf8")));
    expect(r.usage).toEqual({ promptTokens: 53, completionTokens: 15, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(r.upstreamModel).toBe("gpt-4o-mini-2024-07-18");
    expect(r.done && r.finished).toBe(true);
    expect(r.error).toBeNull();
  });

  it("drops the usage-only chunk (choices: []) when the client did not ask for usage, keeping the usage", () => {
    const { r, out } = relay(framedChunks("openai/vercel-openai-text-stream.chunks.txt"), false, 64);
    expect(r.usage).toEqual({ promptTokens: 16, completionTokens: 300, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    expect(out).not.toContain('"choices":[]');
    expect(out).not.toContain('"usage":{');
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("keeps usage that rides on the finish chunk (DeepSeek) even when the client did not ask", () => {
    const bytes = sse("deepseek/pyd-deepseek-thinking-stream.i0.response.sse");
    const { r, out } = relay(bytes, false, 100);
    expect(out).toBe(bytes.toString("utf8"));
    expect(r.usage?.promptTokens).toBeGreaterThan(0);
    expect(r.usage?.reasoningTokens).toBeGreaterThan(0);
  });

  it("turns Groq's `event: error` after a 200 into an OpenAI error event", () => {
    const { r, out } = relay(sse("groq/pyd-groq-tool-use-failed-stream.i0.response.sse"), false);
    expect(r.error).toMatchObject({ type: "invalid_request_error", code: "tool_use_failed" });
    const last = out.trim().split("\n\n").at(-1)!;
    expect(last.startsWith("data: ")).toBe(true);
    expect(JSON.parse(last.slice(6)).error.code).toBe("tool_use_failed");
    expect(r.done).toBe(false);
  });

  it("notices OpenRouter's error inside an ordinary chunk and still keeps its usage", () => {
    const { r } = relay(sse("openai-compatible/pyd-openrouter-stream-error.i0.response.sse"), false);
    expect(r.error).toMatchObject({ message: "Token limit reached", code: "400" });
    expect(r.usage).toMatchObject({ promptTokens: 43, cacheWriteTokens: 0, reasoningTokens: 11 });
  });

  it("handles CRLF framing and a multi-byte character split across reads", () => {
    const text = 'data: {"model":"m","choices":[{"delta":{"content":"héllo ✓"}}]}\r\n\r\ndata: [DONE]\r\n\r\n';
    const { r, out } = relay(Buffer.from(text, "utf8"), false, 3);
    expect(out).toBe(text);
    expect(r.done).toBe(true);
  });

  it("forwards whole reads byte for byte when nothing in them needs reading", () => {
    const r = new SseRelay(false);
    const first = Buffer.from('data: {"model":"m","choices":[{"delta":{"role":"assistant"}}]}\n\n');
    r.push(first);
    const plain = Buffer.from('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\n');
    const out = r.push(plain);
    expect(out).toHaveLength(1);
    expect(out[0]).toBe(plain);
    const finish = r.push(Buffer.from('data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'));
    expect(Buffer.concat(finish).toString()).toContain("[DONE]");
    expect(r.finished && r.done).toBe(true);
  });

  it("ignores comments and unparseable data without failing the stream", () => {
    const text = ': keep-alive\n\ndata: {not json\n\ndata: [DONE]\n\n';
    const { r, out } = relay(Buffer.from(text), false);
    expect(out).toBe(text);
    expect(r.error).toBeNull();
  });
});

describe("relaying large reads", () => {
  it("decodes only the events that matter and forwards the rest as the same bytes", () => {
    const bytes = framedChunks("openai/vercel-openai-text-stream.chunks.txt");
    // The whole 100 KB answer in one read, as a fast upstream delivers it.
    const r = new SseRelay(false);
    const out = Buffer.concat([...r.push(bytes), Buffer.from(r.flush())]).toString("utf8");
    const expected = unpadded(bytes.toString("utf8"))
      .split("\n\n")
      .filter((e) => e && !e.includes('"choices":[]'))
      .map((e) => `${e}\n\n`)
      .join("");
    expect(out).toBe(expected);
    expect(r.usage?.completionTokens).toBe(300);
    expect(r.upstreamModel).toBe("gpt-4.1-nano-2025-04-14");
    expect(r.finished && r.done).toBe(true);
  });

  it("trap 10: OpenAI's obfuscation padding never reaches the client, whatever the read boundaries", () => {
    const bytes = sse("openai/pyd-openai-stream-parallel-tool-calls.i0.response.sse");
    expect(bytes.toString("utf8")).toContain('"obfuscation":"');
    for (const size of [1, 7, 64, bytes.length]) {
      const { out } = relay(bytes, true, size);
      expect(out).not.toContain("obfuscation");
      for (const event of out.split("\n\n").filter((e) => e.startsWith("data: {"))) expect(() => JSON.parse(event.slice(6))).not.toThrow();
    }
  });

  it("trap 9: a provider's in-band error is the last event the client gets, even with more in the same read", () => {
    const relay = new SseRelay(false, null);
    const out = relay.push(
      Buffer.from(
        'data: {"id":"a","model":"m","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\nevent: error\ndata: {"error":{"message":"overloaded","type":"server_error"}}\n\n' +
          'data: {"id":"a","model":"m","choices":[{"index":0,"delta":{"content":" more"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
      ),
    );
    const text = Buffer.concat(out).toString();
    expect(text).toContain("overloaded");
    expect(text).not.toContain(" more");
    expect(relay.push(Buffer.from('data: {"choices":[{"delta":{"content":"late"}}]}\n\n'))).toEqual([]);
    expect(relay.error?.message).toBe("overloaded");
    expect(relay.done).toBe(false);
  });
});

