import { describe, expect, it } from "vitest";
import type { OpenAIChatChunk, StreamTranslator } from "../dialect.js";
import { chatStream } from "./chat-stream.js";
import { assemble, googleEvents } from "./test-fixtures.js";

const ident = { id: "chatcmpl-stream", created: 1700000000, model: "gemini-requested" };
const u = (promptTokens: number, completionTokens: number, reasoningTokens = 0) => ({ promptTokens, completionTokens, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens });

function run(name: string): { translator: StreamTranslator; chunks: OpenAIChatChunk[] } {
  const translator = chatStream(ident);
  const chunks = googleEvents(name).flatMap((event) => translator.push(event));
  return { translator, chunks };
}

const total = (t: StreamTranslator) => t.usage!.promptTokens + t.usage!.completionTokens;

describe("Gemini streams as OpenAI chunks: text", () => {
  it("streams text with the role first and one finish (fb-googleai-stream-basic-short.txt)", () => {
    const { translator, chunks } = run("fb-googleai-stream-basic-short.txt");
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "The" });
    expect(chunks.filter((c) => c.choices[0]!.delta.role)).toHaveLength(1);
    expect(assemble(chunks)).toMatchObject({ role: "assistant", content: "The capital of Wyoming is **Cheyenne**.\n", finishReasons: ["stop"] });
    expect(chunks.every((c) => c.model === "gemini-2.0-flash" && c.id === "chatcmpl-stream")).toBe(true);
    expect(translator).toMatchObject({ model: "gemini-2.0-flash", finished: true, error: null });
    expect(translator.usage).toEqual(u(7, 10));
    expect(total(translator)).toBe(17);
  });

  it("trap 5: usageMetadata goes down at the end; the last one is kept (pyd-google-stream.i0.response.sse)", () => {
    const { translator, chunks } = run("pyd-google-stream.i0.response.sse");
    expect(assemble(chunks).content).toBe("The capital of France is Paris.\n");
    expect(translator.usage).toEqual(u(13, 8));
    expect(total(translator)).toBe(21);
  });

  it("trap 5: keeps the last running usage, thoughts included (pyd-google-stream-usage-mid-stream.i0.response.sse)", () => {
    const { translator, chunks } = run("pyd-google-stream-usage-mid-stream.i0.response.sse");
    expect(assemble(chunks).content).toBe(Array.from({ length: 30 }, (_, i) => i + 1).join("\n"));
    expect(translator.usage).toEqual(u(18, 115, 35));
    expect(total(translator)).toBe(133);
  });

  it("trap 5: keeps the last usage when the prompt count rises on the final chunk (pyd-google-stream-tool-call-thought-signature.i1)", () => {
    const { translator, chunks } = run("pyd-google-stream-tool-call-thought-signature.i1.response.sse");
    expect(assemble(chunks)).toMatchObject({ content: "The capital of Mexico is Mexico City.", finishReasons: ["stop"] });
    expect(translator.usage).toEqual(u(257, 8));
    expect(total(translator)).toBe(265);
  });

  it("trap 4: counts thoughts in completion tokens and drops the signature-only final part (vercel text and reasoning streams)", () => {
    const cases: Array<[string, string, ReturnType<typeof u>, number]> = [
      ["vercel-google-text-stream.chunks.txt", 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y', u(9, 208, 185), 217],
      ["vercel-google-reasoning-stream.chunks.txt", 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.', u(9, 285, 256), 294],
      ["vercel-google-reasoning-gemini3-stream.chunks.txt", 'There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y', u(9, 325, 302), 334],
    ];
    for (const [name, text, usage, sum] of cases) {
      const { translator, chunks } = run(name);
      expect(assemble(chunks), name).toMatchObject({ content: text, reasoning: "", finishReasons: ["stop"] });
      expect(translator.usage, name).toEqual(usage);
      expect(total(translator), name).toBe(sum);
      expect(JSON.stringify(chunks), name).not.toContain("thoughtSignature");
    }
  });

  it("reports content_filter after recited text (fb-googleai-stream-recitation.txt)", () => {
    const { translator, chunks } = run("fb-googleai-stream-recitation.txt");
    expect(assemble(chunks)).toMatchObject({ content: "text1text2text3text4text5text6text7text8", finishReasons: ["content_filter"] });
    expect(translator.usage).toEqual(u(9, 261));
    expect(total(translator)).toBe(270);
  });

  it("answers a blocked prompt with an empty content_filter answer (fb-googleai-stream-prompt-blocked.txt)", () => {
    const { translator, chunks } = run("fb-googleai-stream-prompt-blocked.txt");
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.choices[0]).toEqual({ index: 0, delta: { role: "assistant", content: "" }, finish_reason: "content_filter", logprobs: null });
    expect(translator).toMatchObject({ finished: true, usage: null, error: null, model: null });
    expect(chunks[0]!.model).toBe("gemini-requested");
  });
});

describe("Gemini streams as OpenAI chunks: tool calls", () => {
  it("trap 6 and 8: an id-less whole call with {} args finishes as tool_calls (pyd-google-stream-tool-call-thought-signature.i0)", () => {
    const { translator, chunks } = run("pyd-google-stream-tool-call-thought-signature.i0.response.sse");
    const out = assemble(chunks);
    expect(out.toolCalls).toHaveLength(1);
    expect(out.toolCalls[0]!.id).toMatch(/^call_/);
    expect(out.toolCalls[0]!.function).toEqual({ name: "get_country", arguments: "{}" });
    expect(out.finishReasons).toEqual(["tool_calls"]);
    expect(translator.usage).toEqual(u(29, 212, 202));
    expect(total(translator)).toBe(241);
  });

  it("trap 6: whole calls in gemini-3 streams (vercel-google-tool-call-stream, vercel-google-tool-call-gemini3-stream)", () => {
    for (const [name, usage, sum] of [["vercel-google-tool-call-stream.chunks.txt", u(29, 60, 45), 89], ["vercel-google-tool-call-gemini3-stream.chunks.txt", u(29, 819, 804), 848]] as const) {
      const { translator, chunks } = run(name);
      const out = assemble(chunks);
      expect(out.toolCalls.map((c) => c.function), name).toEqual([{ name: "weather", arguments: '{"location":"San Francisco"}' }]);
      expect(out.finishReasons, name).toEqual(["tool_calls"]);
      expect(out.content, name).toBe("");
      expect(translator.usage, name).toEqual(usage);
      expect(total(translator), name).toBe(sum);
    }
  });

  it("trap 11: thought summaries stream as reasoning_content before the call (fb-googleai-stream-thinking-function-call-signature.txt)", () => {
    const { translator, chunks } = run("fb-googleai-stream-thinking-function-call-signature.txt");
    const out = assemble(chunks);
    expect(out.reasoning).toMatch(/^\*\*Calculating the Days\*\*\n\n.*\*\*Determining the Approach\*\*/s);
    expect(out.content).toBe("");
    expect(out.toolCalls.map((c) => c.function)).toEqual([{ name: "now", arguments: "{}" }]);
    expect(out.finishReasons).toEqual(["tool_calls"]);
    expect(translator.usage).toEqual(u(38, 174, 168));
    expect(total(translator)).toBe(212);
  });

  it("trap 7: Vertex partial arguments become valid tool-call deltas by index (vercel-google-vertex-stream-tool-call-partial-args)", () => {
    const { translator, chunks } = run("vercel-google-vertex-stream-tool-call-partial-args.chunks.txt");
    const deltas = chunks.flatMap((c) => c.choices[0]!.delta.tool_calls ?? []);
    expect(deltas.map(({ id: _id, ...rest }) => rest)).toEqual([
      { index: 0, type: "function", function: { name: "getWeather" } },
      { index: 0, function: { arguments: '{"location":"Boston"}' } },
      { index: 1, type: "function", function: { name: "getWeather" } },
      { index: 1, function: { arguments: '{"location":"San Francisco"}' } },
    ]);
    expect(deltas[0]!.id).toMatch(/^call_/);
    expect(deltas[2]!.id).not.toBe(deltas[0]!.id);
    const out = assemble(chunks);
    expect(out.toolCalls.map((c) => JSON.parse(c.function.arguments))).toEqual([{ location: "Boston" }, { location: "San Francisco" }]);
    expect(out.finishReasons).toEqual(["tool_calls"]);
    expect(translator.model).toBe("gemini-3.1-pro-preview");
    expect(translator.usage).toEqual(u(26, 155, 132));
    expect(total(translator)).toBe(181);
  });

  it("trap 8: a streamed call with no args at all gets {} (vercel-google-no-args-tool-call-stream)", () => {
    const { translator, chunks } = run("vercel-google-no-args-tool-call-stream.chunks.txt");
    const out = assemble(chunks);
    expect(out.reasoning).toMatch(/^\*\*Processing User Requests\*\*/);
    expect(out.toolCalls.map((c) => c.function)).toEqual([
      { name: "read_theme", arguments: "{}" },
      { name: "read_screen", arguments: '{"id":"A"}' },
      { name: "read_screen", arguments: '{"id":"B"}' },
      { name: "read_screen", arguments: '{"id":"C"}' },
    ]);
    expect(new Set(out.toolCalls.map((c) => c.id)).size).toBe(4);
    expect(out.finishReasons).toEqual(["tool_calls"]);
    expect(translator.usage).toEqual(u(249, 241, 183));
    expect(total(translator)).toBe(490);
  });
});

describe("Gemini streams as OpenAI chunks: errors and junk", () => {
  it("trap 9: an error object after HTTP 200 ends the stream with that error (fb-vertex-stream-error-mid-stream.txt)", () => {
    const { translator, chunks } = run("fb-vertex-stream-error-mid-stream.txt");
    expect(assemble(chunks)).toMatchObject({ content: "First Second ", finishReasons: ["stop"] });
    expect(translator.error).toEqual({ message: "The operation was cancelled.", type: "api_error", code: "CANCELLED" });
    expect(translator.push({ event: null, data: { candidates: [{ content: { parts: [{ text: "late" }] } }] } })).toEqual([]);
  });

  it("trap 9: an in-stream quota error is a rate limit", () => {
    const translator = chatStream(ident);
    translator.push({ event: null, data: { error: { code: 429, message: "Resource has been exhausted", status: "RESOURCE_EXHAUSTED" } } });
    expect(translator.error).toEqual({ message: "Resource has been exhausted", type: "rate_limit_error", code: "RESOURCE_EXHAUSTED" });
    expect(translator.finished).toBe(false);
  });

  it("ends with an error rather than guessing arguments at a path it cannot read", () => {
    const translator = chatStream(ident);
    translator.push({ event: null, data: { candidates: [{ content: { parts: [{ functionCall: { name: "f", willContinue: true } }] } }] } });
    translator.push({ event: null, data: { candidates: [{ content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: "$..x", stringValue: "a" }], willContinue: true } }] } }] } });
    expect(translator.error).toMatchObject({ type: "api_error", code: "invalid_upstream_stream" });
  });

  it("trap 12: ignores non-JSON events, unknown fields and empty chunks", () => {
    const translator = chatStream(ident);
    expect(translator.push({ event: null, data: undefined })).toEqual([]);
    expect(translator.push({ event: "ping", data: "keep-alive" })).toEqual([]);
    expect(translator.push({ event: null, data: { usageMetadata: { trafficType: "ON_DEMAND" }, createTime: "2026-01-01T00:00:00Z", somethingNew: [1] } })).toEqual([]);
    expect(translator).toMatchObject({ usage: null, finished: false, error: null });
  });

  it("streams each candidate under its own choice index when n asked for several", () => {
    const translator = chatStream(ident);
    const chunks = [
      ...translator.push({ event: null, data: { candidates: [{ index: 0, content: { parts: [{ text: "A" }] } }, { index: 1, content: { parts: [{ text: "B" }] } }] } }),
      ...translator.push({ event: null, data: { candidates: [{ index: 0, finishReason: "STOP" }] } }),
    ];
    expect(translator.finished).toBe(false);
    chunks.push(...translator.push({ event: null, data: { candidates: [{ index: 1, finishReason: "MAX_TOKENS" }] } }));
    expect(translator.finished).toBe(true);
    expect(assemble(chunks, 0)).toMatchObject({ role: "assistant", content: "A", finishReasons: ["stop"] });
    expect(assemble(chunks, 1)).toMatchObject({ role: "assistant", content: "B", finishReasons: ["length"] });
  });
});
