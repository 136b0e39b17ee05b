import { describe, expect, it } from "vitest";
import { compileGuard } from "./content-guard/index.js";
import { CHAT_REQUEST, EMBEDDINGS_REQUEST } from "./request-shape.js";

describe("request shapes", () => {
  it("read an embeddings input as strings, lists of strings, or token ids", () => {
    expect(EMBEDDINGS_REQUEST.texts({ input: "hello" })).toEqual(["hello"]);
    expect(EMBEDDINGS_REQUEST.texts({ input: ["a", "b"] })).toEqual(["a", "b"]);
    expect(EMBEDDINGS_REQUEST.texts({ input: [1, 2, 3] })).toEqual([]);
    expect(EMBEDDINGS_REQUEST.estimateInput({ input: [1, 2, 3] })).toBe(3);
    expect(EMBEDDINGS_REQUEST.estimateInput({ input: [[1, 2], [3]] })).toBe(3);
    expect(EMBEDDINGS_REQUEST.estimateInput({ input: ["Hello, how are you?", "Hello, how are you?"] })).toBe(12);
    expect(EMBEDDINGS_REQUEST.maxOutput({ max_tokens: 100 })).toBe(0);
  });

  it("redact embeddings inputs in place of the originals, leaving token ids alone", () => {
    const guard = compileGuard({ detectors: ["email"] });
    const { body, counts } = EMBEDDINGS_REQUEST.redact({ model: "m", input: ["mail a@b.co", 7 as never, "none"] }, guard);
    expect(body).toEqual({ model: "m", input: ["mail [REDACTED:email]", 7, "none"] });
    expect(counts).toEqual({ email: 1 });
  });

  it("keep chat's reading of messages and max_tokens", () => {
    expect(CHAT_REQUEST.maxOutput({ max_tokens: 100 })).toBe(100);
    expect(CHAT_REQUEST.texts({ messages: [{ role: "user", content: "hi" }] })).toEqual(["hi"]);
    expect(CHAT_REQUEST.producesText && !EMBEDDINGS_REQUEST.producesText).toBe(true);
  });
});
