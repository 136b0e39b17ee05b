import { invalidRequest } from "../../../lib/errors.js";
import { parseDataUrl } from "../shared/data-url.js";
import type { ContentBlock, DocumentBlock, ImageBlock, TextBlock } from "./wire-types.js";

type Part = Record<string, unknown>;

const isObject = (v: unknown): v is Part => typeof v === "object" && v !== null && !Array.isArray(v);

/** Anthropic rejects empty text blocks, so empty strings are left out rather than sent. */
function textBlock(text: string, part?: Part): TextBlock[] {
  if (text === "") return [];
  const block: TextBlock = { type: "text", text };
  if (part && isObject(part.cache_control)) block.cache_control = part.cache_control;
  return [block];
}

/**
 * Content made only of text (system, assistant and tool messages): a string or text parts.
 * An assistant's `refusal` part is what it said, so it is kept as text.
 */
export function textBlocks(content: unknown, param: string): TextBlock[] {
  if (content === undefined || content === null) return [];
  if (typeof content === "string") return textBlock(content);
  if (!Array.isArray(content)) throw invalidRequest(`${param} must be a string or an array of parts.`, null, param);
  return content.flatMap((part, i) => {
    if (isObject(part) && part.type === "text" && typeof part.text === "string") return textBlock(part.text, part);
    if (isObject(part) && part.type === "refusal" && typeof part.refusal === "string") return textBlock(part.refusal, part);
    throw invalidRequest(`${param}[${i}]: only text parts are accepted here.`, null, `${param}[${i}]`);
  });
}

/** A user message's content: text, images (data or web URLs) and PDF files. */
export function userBlocks(content: unknown, param: string): ContentBlock[] {
  if (typeof content === "string") return textBlock(content);
  if (!Array.isArray(content)) throw invalidRequest(`${param} must be a string or an array of parts.`, null, param);
  return content.flatMap((part, i): ContentBlock[] => {
    const at = `${param}[${i}]`;
    if (!isObject(part)) throw invalidRequest(`${at} must be an object.`, null, at);
    switch (part.type) {
      case "text":
        if (typeof part.text !== "string") throw invalidRequest(`${at}.text must be a string.`, null, `${at}.text`);
        return textBlock(part.text, part);
      case "image_url":
        return [imageBlock(part, at)];
      case "file":
        return [documentBlock(part, at)];
      default:
        throw invalidRequest(`${at}: content parts of type "${String(part.type)}" cannot be sent to Anthropic.`, null, at);
    }
  });
}

/** `detail` is an OpenAI resizing hint with no Anthropic equivalent; Anthropic sizes images itself. */
function imageBlock(part: Part, at: string): ImageBlock {
  const ref = part.image_url;
  const url = typeof ref === "string" ? ref : isObject(ref) && typeof ref.url === "string" ? ref.url : null;
  if (url === null) throw invalidRequest(`${at}.image_url.url is required.`, null, `${at}.image_url`);
  const inline = parseDataUrl(url);
  let block: ImageBlock;
  if (inline) block = { type: "image", source: { type: "base64", media_type: inline.mediaType, data: inline.data } };
  else if (/^https?:\/\//i.test(url)) block = { type: "image", source: { type: "url", url } };
  else throw invalidRequest(`${at}.image_url.url must be an https URL or a base64 data URL.`, null, `${at}.image_url`);
  if (isObject(part.cache_control)) block.cache_control = part.cache_control;
  return block;
}

/** OpenAI's inline `file` part; Anthropic reads PDFs as base64 documents. Uploaded file ids mean nothing to it. */
function documentBlock(part: Part, at: string): DocumentBlock {
  const file = isObject(part.file) ? part.file : {};
  const inline = typeof file.file_data === "string" ? parseDataUrl(file.file_data) : null;
  if (!inline || inline.mediaType !== "application/pdf") {
    throw invalidRequest(`${at}: only PDF files sent inline as file_data (a base64 data URL) can be sent to Anthropic.`, null, at);
  }
  const block: DocumentBlock = { type: "document", source: { type: "base64", media_type: inline.mediaType, data: inline.data } };
  if (isObject(part.cache_control)) block.cache_control = part.cache_control;
  return block;
}
