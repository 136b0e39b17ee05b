import { describe, expect, it } from "vitest";
import { compileGuard, nativeTexts, redactNative } from "./index.js";

const guard = compileGuard({ detectors: ["pack:pii-default"] });

const anthropicBody = {
  model: "claude-sonnet-4-5",
  system: [{ type: "text", text: "Be brief." }],
  messages: [
    { role: "user", content: [{ type: "text", text: "Mail jane@example.com" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "aGVsbG8=" } }] },
    { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "send", input: { to: "bob@example.com" } }] },
  ],
};

describe("native texts", () => {
  it("finds prose at any depth and skips identifiers and media", () => {
    expect(nativeTexts(anthropicBody)).toEqual(["Be brief.", "Mail jane@example.com", "bob@example.com"]);
  });

  it("reads Gemini's contents and parts the same way", () => {
    const gemini = { contents: [{ role: "user", parts: [{ text: "hi there" }, { inlineData: { mimeType: "image/png", data: "AAAA" } }] }] };
    expect(nativeTexts(gemini)).toEqual(["hi there"]);
  });

  it("redacts a copy and counts the findings", () => {
    const { body, counts } = redactNative(anthropicBody, guard);
    expect(JSON.stringify(body)).not.toContain("jane@example.com");
    expect(JSON.stringify(body)).not.toContain("bob@example.com");
    expect(counts.email).toBe(2);
    expect(anthropicBody.messages[0]!.content[0]).toEqual({ type: "text", text: "Mail jane@example.com" });
    expect((body as typeof anthropicBody).messages[0]!.content[1]).toEqual(anthropicBody.messages[0]!.content[1]);
  });
});
