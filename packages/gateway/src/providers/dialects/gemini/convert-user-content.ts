import { invalidRequest } from "../../../lib/errors.js";
import { parseDataUrl } from "../shared/data-url.js";
import { imagePart } from "./image-part.js";
import { isObject } from "./json-read.js";
import type { GeminiPart } from "./wire-types.js";

/**
 * A user message's content as Gemini parts: text, images, audio (`input_audio`) and files sent as data
 * (`file.file_data`). An image's `detail` has no Gemini equivalent per part and is ignored.
 */
export function userParts(content: unknown, param: string): GeminiPart[] {
  if (typeof content === "string") return [{ text: content }];
  if (!Array.isArray(content)) throw invalidRequest(`${param} must be a string or an array of content parts.`, "invalid_content", param);
  return content.map((part, i) => userPart(part, `${param}[${i}]`));
}

/** Content that may only be text (system and assistant messages); empty strings carry nothing and are left out. */
export function textParts(content: unknown, param: string): GeminiPart[] {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) throw invalidRequest(`${param} must be a string or an array of text parts.`, "invalid_content", param);
  return content.flatMap((part, i) => {
    if (!isObject(part) || part.type !== "text" || typeof part.text !== "string") {
      throw invalidRequest(`${param}[${i}] must be a text part; Gemini takes only text here.`, "invalid_content", `${param}[${i}]`);
    }
    return part.text ? [{ text: part.text }] : [];
  });
}

function userPart(part: unknown, param: string): GeminiPart {
  if (!isObject(part)) throw invalidRequest(`${param} must be a content part object.`, "invalid_content", param);
  switch (part.type) {
    case "text":
      if (typeof part.text !== "string") throw invalidRequest(`${param}.text must be a string.`, "invalid_content", `${param}.text`);
      return { text: part.text };
    case "image_url":
      return imagePart(isObject(part.image_url) ? part.image_url.url : part.image_url, `${param}.image_url.url`);
    case "input_audio":
      return audioPart(part.input_audio, `${param}.input_audio`);
    case "file":
      return filePart(part.file, `${param}.file`);
    default:
      throw invalidRequest(`${param}.type ${JSON.stringify(part.type)} is not supported by Gemini.`, "unsupported_content", `${param}.type`);
  }
}

function audioPart(audio: unknown, param: string): GeminiPart {
  if (!isObject(audio) || typeof audio.data !== "string" || (audio.format !== "wav" && audio.format !== "mp3")) {
    throw invalidRequest(`${param} must carry base64 data and a format of "wav" or "mp3".`, "invalid_content", param);
  }
  return { inlineData: { mimeType: `audio/${audio.format}`, data: audio.data } };
}

function filePart(file: unknown, param: string): GeminiPart {
  const parsed = isObject(file) && typeof file.file_data === "string" ? parseDataUrl(file.file_data) : null;
  if (!parsed) {
    throw invalidRequest(`${param} must carry file_data as a base64 data URL; Gemini cannot read OpenAI file ids.`, "unsupported_content", param);
  }
  return { inlineData: { mimeType: parsed.mediaType, data: parsed.data } };
}
