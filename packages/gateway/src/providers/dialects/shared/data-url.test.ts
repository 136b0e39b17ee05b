import { describe, expect, it } from "vitest";
import { parseDataUrl } from "./data-url.js";

describe("parseDataUrl", () => {
  it("splits a base64 data URL into media type and data", () => {
    expect(parseDataUrl("data:image/png;base64,iVBORw0K")).toEqual({ mediaType: "image/png", data: "iVBORw0K" });
  });
  it("keeps parameters out of the media type", () => {
    expect(parseDataUrl("data:image/jpeg;name=x.jpg;base64,AAAA")).toEqual({ mediaType: "image/jpeg", data: "AAAA" });
  });
  it("returns null for web URLs and non-base64 data URLs", () => {
    expect(parseDataUrl("https://example.com/cat.png")).toBeNull();
    expect(parseDataUrl("data:text/plain,hello")).toBeNull();
  });
});
