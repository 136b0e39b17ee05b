import { describe, expect, it } from "vitest";
import { demoAnswerText, synthesizeChatCompletion, synthesizeChatStream } from "./synthesize-chat.js";

const identity = { id: "chatcmpl-test", created: 1_700_000_000 };
const messages = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "What is the capital of France?" },
];

describe("synthesizeChatCompletion", () => {
  it("looks like an OpenAI chat.completion for the requested model", () => {
    const completion = synthesizeChatCompletion({ model: "demo-small", messages }, identity);
    expect(completion).toMatchObject({
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "demo-small",
      system_fingerprint: expect.stringMatching(/^fp_/),
      choices: [{ index: 0, message: { role: "assistant", refusal: null }, finish_reason: "stop" }],
    });
    expect(completion.choices[0]!.message.content).toContain("Igris demo provider");
    expect(completion.choices[0]!.message.content).toContain("What is the capital of France?");
  });

  it("reports plausible, deterministic usage with OpenAI's detail objects", () => {
    const a = synthesizeChatCompletion({ model: "m", messages }, identity);
    const b = synthesizeChatCompletion({ model: "m", messages }, identity);
    expect(a).toEqual(b);
    expect(a.usage.prompt_tokens).toBeGreaterThan(8);
    expect(a.usage.completion_tokens).toBeGreaterThan(20);
    expect(a.usage.total_tokens).toBe(a.usage.prompt_tokens + a.usage.completion_tokens);
    expect(a.usage.prompt_tokens_details.cached_tokens).toBe(0);
    expect(a.usage.completion_tokens_details.reasoning_tokens).toBe(0);
  });

  it("truncates at max_tokens and finishes with length", () => {
    const completion = synthesizeChatCompletion({ model: "m", messages, max_tokens: 5 }, identity);
    expect(completion.choices[0]!.finish_reason).toBe("length");
    expect(completion.usage.completion_tokens).toBe(5);
    expect(completion.choices[0]!.message.content.length).toBeLessThan(30);
  });

  it("prefers max_completion_tokens over max_tokens", () => {
    const completion = synthesizeChatCompletion({ model: "m", messages, max_tokens: 1000, max_completion_tokens: 3 }, identity);
    expect(completion.usage.completion_tokens).toBe(3);
  });

  it("generates a fresh chatcmpl id when none is given", () => {
    const { id } = synthesizeChatCompletion({ model: "m", messages });
    expect(id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
  });
});

describe("synthesizeChatStream", () => {
  it("follows OpenAI chunk semantics: role chunk, content deltas, then an empty delta with the finish reason", () => {
    const chunks = synthesizeChatStream({ model: "m", messages }, identity);
    expect(chunks[0]!.choices[0]).toEqual({
      index: 0,
      delta: { role: "assistant", content: "", refusal: null },
      logprobs: null,
      finish_reason: null,
    });
    const last = chunks.at(-1)!;
    expect(last.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    const middle = chunks.slice(1, -1);
    expect(middle.length).toBeGreaterThan(3);
    for (const chunk of middle) {
      expect(chunk.choices[0]!.finish_reason).toBeNull();
      expect(Object.keys(chunk.choices[0]!.delta)).toEqual(["content"]);
    }
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === "chatcmpl-test")).toBe(true);
  });

  it("streams the same text the non-streaming answer has", () => {
    const text = synthesizeChatStream({ model: "m", messages }, identity)
      .map((c) => c.choices[0]?.delta.content ?? "")
      .join("");
    expect(text).toBe(synthesizeChatCompletion({ model: "m", messages }, identity).choices[0]!.message.content);
  });

  it("sends no usage unless stream_options.include_usage is true", () => {
    const chunks = synthesizeChatStream({ model: "m", messages }, identity);
    expect(chunks.every((c) => !("usage" in c))).toBe(true);
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
  });

  it("adds a final choices:[] usage chunk, and usage:null elsewhere, when include_usage is true", () => {
    const request = { model: "m", messages, stream_options: { include_usage: true } };
    const chunks = synthesizeChatStream(request, identity);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual(synthesizeChatCompletion(request, identity).usage);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("finishes with length when max_tokens cuts the answer short", () => {
    const chunks = synthesizeChatStream({ model: "m", messages, max_tokens: 4 }, identity);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("length");
  });
});

describe("demoAnswerText", () => {
  it("echoes a truncated last user message, with its whitespace collapsed", () => {
    const long = `Tell me   about ${"x".repeat(200)}`;
    const text = demoAnswerText([{ role: "user", content: "first" }, { role: "user", content: long }]);
    expect(text).toContain('"Tell me about xxx');
    expect(text).toContain("…");
    expect(text).not.toContain("first");
  });

  it("reads text parts of array content and copes with no user message", () => {
    expect(demoAnswerText([{ role: "user", content: [{ type: "text", text: "hello there" }] }])).toContain("hello there");
    expect(demoAnswerText([])).toContain("no user message");
  });
});
