import { describe, expect, it } from "vitest";
import { textParts, userParts } from "./convert-user-content.js";

describe("user content", () => {
  it("turns a string into one text part", () => {
    expect(userParts("hello", "messages[0].content")).toEqual([{ text: "hello" }]);
  });
  it("keeps the order of text, image, audio and file parts", () => {
    const parts = userParts(
      [
        { type: "text", text: "What is this?" },
        { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/", detail: "high" } },
        { type: "input_audio", input_audio: { data: "UklGR", format: "wav" } },
        { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBER" } },
        { type: "image_url", image_url: "https://example.com/x.png" },
      ],
      "messages[0].content",
    );
    expect(parts).toEqual([
      { text: "What is this?" },
      { inlineData: { mimeType: "image/jpeg", data: "/9j/" } },
      { inlineData: { mimeType: "audio/wav", data: "UklGR" } },
      { inlineData: { mimeType: "application/pdf", data: "JVBER" } },
      { fileData: { mimeType: "image/png", fileUri: "https://example.com/x.png" } },
    ]);
  });
  it("answers 400 naming the part for what Gemini cannot take", () => {
    expect(() => userParts([{ type: "file", file: { file_id: "file-abc" } }], "messages[2].content")).toThrow(/messages\[2\]\.content\[0\]\.file/);
    expect(() => userParts([{ type: "input_audio", input_audio: { data: "x", format: "flac" } }], "m")).toThrow(/wav/);
    expect(() => userParts([{ type: "video_url" }], "m")).toThrow(/not supported/);
    expect(() => userParts(42, "m")).toThrow(/string or an array/);
  });
  it("takes only text for system and assistant content, dropping empty strings", () => {
    expect(textParts([{ type: "text", text: "a" }, { type: "text", text: "" }], "m")).toEqual([{ text: "a" }]);
    expect(textParts("", "m")).toEqual([]);
    expect(() => textParts([{ type: "image_url", image_url: { url: "https://x/a.png" } }], "messages[0].content")).toThrow(/messages\[0\]\.content\[0\]/);
  });
});
