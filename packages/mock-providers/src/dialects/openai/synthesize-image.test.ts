import { describe, expect, it } from "vitest";
import { imageForPath, imageSeed, synthesizeImages } from "./synthesize-image.js";
import { seededPng } from "./png.js";

describe("synthesizeImages", () => {
  it("answers DALL·E 2 with URLs by default and base64 on request, without usage", () => {
    const urls = synthesizeImages({ prompt: "cat", n: 2 }, "http://127.0.0.1:1", 100);
    expect(urls).toEqual({
      created: 100,
      data: [
        { url: `http://127.0.0.1:1/_mock/images/${imageSeed("cat", 0).toString(16).padStart(8, "0")}.png` },
        { url: `http://127.0.0.1:1/_mock/images/${imageSeed("cat", 1).toString(16).padStart(8, "0")}.png` },
      ],
    });
    const inline = synthesizeImages({ prompt: "cat", response_format: "b64_json" }, "http://x", 100);
    expect(inline.data[0]).toEqual({ b64_json: seededPng(imageSeed("cat", 0)).toString("base64") });
  });

  it("answers GPT image models in base64 with token usage", () => {
    const result = synthesizeImages({ prompt: "a cat on a mat", model: "gpt-image-1" }, "http://x", 1);
    expect("b64_json" in result.data[0]!).toBe(true);
    expect(result.usage).toEqual({
      total_tokens: 277,
      input_tokens: 5,
      output_tokens: 272,
      input_tokens_details: { text_tokens: 5, image_tokens: 0 },
    });
  });
});

describe("imageForPath", () => {
  it("serves the PNG a URL answer named, and nothing else", () => {
    expect(imageForPath("/_mock/images/0000002a.png")?.equals(seededPng(42))).toBe(true);
    expect(imageForPath("/_mock/images/zz.png")).toBeUndefined();
    expect(imageForPath("/v1/images")).toBeUndefined();
  });
});
