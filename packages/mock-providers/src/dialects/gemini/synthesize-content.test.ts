import { describe, expect, it } from "vitest";
import { contentsAsMessages, synthesizeContent, synthesizeContentStream } from "./synthesize-content.js";

const request = { contents: [{ parts: [{ text: "Name a colour" }] }], systemInstruction: { parts: [{ text: "Be brief." }] } };

describe("synthesizeContent", () => {
  it("reads role-less contents as the user's turn", () => {
    expect(contentsAsMessages([{ parts: [{ text: "a" }] }, { role: "model", parts: [] }])).toEqual([
      { role: "user", content: [{ text: "a" }] },
      { role: "assistant", content: [] },
    ]);
  });

  it("answers with one candidate, STOP, and usage whose total adds up", () => {
    const response = synthesizeContent(request, "gemini-x", "rid");
    expect(response).toMatchObject({ modelVersion: "gemini-x", responseId: "rid", candidates: [{ finishReason: "STOP", index: 0, content: { role: "model" } }] });
    const { promptTokenCount, candidatesTokenCount, totalTokenCount } = response.usageMetadata;
    expect(totalTokenCount).toBe(promptTokenCount + candidatesTokenCount!);
    expect(response.candidates[0]!.content.parts[0]!.text).toContain('You asked: "Name a colour"');
  });

  it("streams chunks with prompt-only usage until the last, which carries the finish reason", () => {
    const chunks = synthesizeContentStream(request, "gemini-x", "rid");
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.candidates[0]!.finishReason).toBeUndefined();
      expect(chunk.usageMetadata.candidatesTokenCount).toBeUndefined();
    }
    expect(chunks.at(-1)).toEqual({ ...synthesizeContent(request, "gemini-x", "rid"), candidates: [{ ...chunks.at(-1)!.candidates[0]!, finishReason: "STOP" }] });
  });

  it("sends a single empty MAX_TOKENS chunk when no token fits", () => {
    const chunks = synthesizeContentStream({ ...request, generationConfig: { maxOutputTokens: 0 } }, "m");
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.candidates[0]).toMatchObject({ finishReason: "MAX_TOKENS", content: { parts: [{ text: "" }] } });
  });
});
