import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { imagePart } from "./image-part.js";

const fail = (url: unknown): GatewayError => {
  try {
    imagePart(url, "messages[0].content[1].image_url.url");
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error("expected a GatewayError");
};

describe("image parts", () => {
  it("sends a base64 data URL inline", () => {
    expect(imagePart("data:image/png;base64,iVBORw0K", "p")).toEqual({ inlineData: { mimeType: "image/png", data: "iVBORw0K" } });
  });
  it("sends an https URL by reference with the type read from its extension, ignoring the query string", () => {
    expect(imagePart("https://example.com/cats/Tabby.JPG?sig=abc", "p")).toEqual({ fileData: { mimeType: "image/jpeg", fileUri: "https://example.com/cats/Tabby.JPG?sig=abc" } });
    expect(imagePart("gs://bucket/a/b.webp", "p")).toEqual({ fileData: { mimeType: "image/webp", fileUri: "gs://bucket/a/b.webp" } });
  });
  it("answers 400 naming the field when the type cannot be guessed", () => {
    const error = fail("https://example.com/image?id=7");
    expect(error.status).toBe(400);
    expect(error.param).toBe("messages[0].content[1].image_url.url");
    expect(error.message).toContain("base64 data URL");
  });
  it("answers 400 for plain http, non-base64 data URLs and missing URLs", () => {
    expect(fail("http://example.com/a.png").status).toBe(400);
    expect(fail("data:image/svg+xml,<svg/>").status).toBe(400);
    expect(fail(undefined).status).toBe(400);
  });
});
