import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { CACHE_POINT, contentBlocks } from "./convert-content.js";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function failure(content: unknown): GatewayError {
  try {
    contentBlocks(content, "messages[0].content");
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("converting message content to Converse blocks", () => {
  it("turns a string into one text block and drops empty text", () => {
    expect(contentBlocks("Hello!", "m")).toEqual([{ text: "Hello!" }]);
    expect(contentBlocks("", "m")).toEqual([]);
    expect(contentBlocks(null, "m")).toEqual([]);
    expect(contentBlocks([{ type: "text", text: "" }, { type: "text", text: "a" }], "m")).toEqual([{ text: "a" }]);
  });

  it("sends a data-URL image as base64 bytes with its format", () => {
    expect(contentBlocks([{ type: "image_url", image_url: { url: `data:image/png;base64,${PNG}`, detail: "high" } }], "m")).toEqual([
      { image: { format: "png", source: { bytes: PNG } } },
    ]);
    expect(contentBlocks([{ type: "image_url", image_url: { url: `data:image/jpg;base64,${PNG}` } }], "m")).toEqual([{ image: { format: "jpeg", source: { bytes: PNG } } }]);
  });

  it("refuses https image URLs with a 400 that says how to send the image", () => {
    const err = failure([{ type: "text", text: "what is this?" }, { type: "image_url", image_url: { url: "https://example.com/cat.png" } }]);
    expect(err.status).toBe(400);
    expect(err.param).toBe("messages[0].content[1].image_url");
    expect(err.message).toMatch(/data: URL/);
  });

  it("refuses image formats Bedrock does not read", () => {
    expect(failure([{ type: "image_url", image_url: { url: `data:image/bmp;base64,${PNG}` } }]).code).toBe("unsupported_image_format");
  });

  it("sends an inline PDF as a document with a name Bedrock accepts", () => {
    expect(contentBlocks([{ type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "Q3 report_final.v2.pdf" } }], "m")).toEqual([
      { document: { format: "pdf", name: "Q3 report final v2", source: { bytes: "JVBERi0=" } } },
    ]);
    expect(contentBlocks([{ type: "file", file: { file_data: "data:text/plain;base64,aGk=" } }], "m")).toEqual([
      { document: { format: "txt", name: "document", source: { bytes: "aGk=" } } },
    ]);
  });

  it("refuses file ids and audio, naming the part", () => {
    expect(failure([{ type: "file", file: { file_id: "file-abc" } }]).param).toBe("messages[0].content[0].file");
    const audio = failure([{ type: "input_audio", input_audio: { data: "AAAA", format: "wav" } }]);
    expect(audio).toMatchObject({ status: 400, code: "unsupported_content", param: "messages[0].content[0]" });
  });

  it("adds a cache point after a part marked with cache_control", () => {
    expect(contentBlocks([{ type: "text", text: "long context", cache_control: { type: "ephemeral" } }, { type: "text", text: "question" }], "m")).toEqual([
      { text: "long context" },
      CACHE_POINT,
      { text: "question" },
    ]);
  });

  it("refuses content that is neither a string nor a list", () => {
    expect(failure({ text: "hi" }).code).toBe("invalid_content");
  });
});
