import { invalidRequest } from "../../../lib/errors.js";
import { parseDataUrl } from "../shared/data-url.js";
import type { GeminiPart } from "./wire-types.js";

/** The image types Gemini reads, by file extension (its fileData needs a MIME type the URL does not carry). */
const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
};

/** An OpenAI image URL as a Gemini part: a data URL inline, an https:// or gs:// URL by reference. */
export function imagePart(url: unknown, param: string): GeminiPart {
  if (typeof url !== "string" || url === "") throw invalidRequest(`${param} must be a non-empty string.`, "invalid_image_url", param);
  if (url.startsWith("data:")) {
    const parsed = parseDataUrl(url);
    if (!parsed) throw invalidRequest(`${param}: only base64 data URLs are supported.`, "invalid_image_url", param);
    return { inlineData: { mimeType: parsed.mediaType, data: parsed.data } };
  }
  if (/^(https|gs):\/\//i.test(url)) {
    const mimeType = imageTypeOf(url);
    if (!mimeType) {
      const known = Object.keys(IMAGE_TYPES).join(", ");
      throw invalidRequest(`${param}: Gemini needs the image type, and it cannot be told from this URL's extension (${known}); send the image as a base64 data URL instead.`, "invalid_image_url", param);
    }
    return { fileData: { mimeType, fileUri: url } };
  }
  throw invalidRequest(`${param} must be an https:// or gs:// URL or a base64 data URL.`, "invalid_image_url", param);
}

function imageTypeOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : IMAGE_TYPES[path.slice(dot + 1).toLowerCase()];
}
