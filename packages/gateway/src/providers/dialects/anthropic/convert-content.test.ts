import { describe, expect, it } from "vitest";
import { textBlocks, userBlocks } from "./convert-content.js";

describe("converting user content", () => {
  it("turns a string into one text block", () => {
    expect(userBlocks("hello", "messages[0].content")).toEqual([{ type: "text", text: "hello" }]);
  });

  it("sends a data-URL image as base64 and a web image as a URL source", () => {
    const blocks = userBlocks(
      [
        { type: "text", text: "What is in these?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0K", detail: "high" } },
        { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
      ],
      "messages[0].content",
    );
    expect(blocks).toEqual([
      { type: "text", text: "What is in these?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0K" } },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
    ]);
  });

  it("sends an inline PDF as a document and keeps cache_control on parts", () => {
    const blocks = userBlocks(
      [
        { type: "file", file: { filename: "a.pdf", file_data: "data:application/pdf;base64,JVBERi0=" } },
        { type: "text", text: "long context", cache_control: { type: "ephemeral" } },
      ],
      "m",
    );
    expect(blocks).toEqual([
      { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } },
      { type: "text", text: "long context", cache_control: { type: "ephemeral" } },
    ]);
  });

  it("refuses what Anthropic cannot read, naming the part", () => {
    expect(() => userBlocks([{ type: "input_audio", input_audio: { data: "x", format: "wav" } }], "messages[2].content")).toThrow(/messages\[2\]\.content\[0\]/);
    expect(() => userBlocks([{ type: "file", file: { file_id: "file-123" } }], "m")).toThrow(/PDF/);
    expect(() => userBlocks([{ type: "image_url", image_url: { url: "ftp://x/y.png" } }], "m")).toThrow(/https URL/);
    expect(() => userBlocks(42, "m")).toThrow(/string or an array/);
  });

  it("leaves empty text out, since Anthropic rejects empty text blocks", () => {
    expect(userBlocks("", "m")).toEqual([]);
  });
});

describe("converting text-only content", () => {
  it("accepts strings, text parts and refusal parts", () => {
    expect(textBlocks([{ type: "text", text: "a" }, { type: "refusal", refusal: "no" }], "m")).toEqual([
      { type: "text", text: "a" },
      { type: "text", text: "no" },
    ]);
    expect(textBlocks(null, "m")).toEqual([]);
  });

  it("refuses images where only text is allowed", () => {
    expect(() => textBlocks([{ type: "image_url", image_url: { url: "https://x/y.png" } }], "messages[0].content")).toThrow(/only text parts/);
  });
});
