import { invalidRequest } from "../../../lib/errors.js";
import { parseDataUrl } from "../shared/data-url.js";
import { asObject, asString, type JsonObject } from "./json-values.js";

/** One Converse content block: `{text}`, `{image}`, `{document}`, `{toolUse}`, `{toolResult}`, `{cachePoint}`. */
export type ContentBlock = JsonObject;

const IMAGE_FORMATS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/gif": "gif", "image/webp": "webp" };

const DOCUMENT_FORMATS: Record<string, string> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/html": "html",
  "text/plain": "txt",
  "text/markdown": "md",
};

/** Where a Converse prompt-cache checkpoint goes: after a part marked with `cache_control` (the Anthropic-style extension). */
export const CACHE_POINT: ContentBlock = { cachePoint: { type: "default" } };

/**
 * A message's OpenAI content (a string or a list of parts) → Converse blocks. `where` names
 * the message in errors (e.g. "messages[2].content"). Empty text is dropped: Converse
 * refuses empty text blocks.
 */
export function contentBlocks(content: unknown, where: string): ContentBlock[] {
  if (content === undefined || content === null) return [];
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  if (!Array.isArray(content)) throw invalidRequest(`${where} must be a string or a list of content parts.`, "invalid_content", where);
  return content.flatMap((part, j) => partBlocks(asObject(part), `${where}[${j}]`));
}

function partBlocks(part: JsonObject | undefined, where: string): ContentBlock[] {
  if (!part) throw invalidRequest(`${where} must be a content part object.`, "invalid_content", where);
  const blocks: ContentBlock[] = [];
  switch (part.type) {
    case "text":
    case "refusal": {
      const text = asString(part.text) ?? asString(part.refusal);
      if (text === undefined) throw invalidRequest(`${where} has no text.`, "invalid_content", where);
      if (text !== "") blocks.push({ text });
      break;
    }
    case "image_url":
      blocks.push(imageBlock(part, where));
      break;
    case "file":
      blocks.push(documentBlock(part, where));
      break;
    default:
      throw invalidRequest(`${where}: content parts of type "${String(part.type)}" cannot be sent to Amazon Bedrock.`, "unsupported_content", where);
  }
  if (part.cache_control !== undefined && part.cache_control !== null) blocks.push(CACHE_POINT);
  return blocks;
}

function imageBlock(part: JsonObject, where: string): ContentBlock {
  const url = asString(asObject(part.image_url)?.url) ?? asString(part.image_url);
  if (!url) throw invalidRequest(`${where}.image_url.url is missing.`, "invalid_content", `${where}.image_url`);
  const data = parseDataUrl(url);
  if (!data) {
    // Bedrock takes image bytes or S3 locations only; the gateway does not fetch URLs on a client's behalf.
    throw invalidRequest(`${where}: Amazon Bedrock cannot fetch image URLs; send the image inline as a data: URL (data:image/png;base64,...).`, "unsupported_image_url", `${where}.image_url`);
  }
  const format = IMAGE_FORMATS[data.mediaType.toLowerCase()];
  if (!format) throw invalidRequest(`${where}: Amazon Bedrock accepts PNG, JPEG, GIF and WebP images, not ${data.mediaType}.`, "unsupported_image_format", `${where}.image_url`);
  return { image: { format, source: { bytes: data.data } } };
}

function documentBlock(part: JsonObject, where: string): ContentBlock {
  const file = asObject(part.file);
  const fileData = asString(file?.file_data);
  if (!fileData) throw invalidRequest(`${where}: Amazon Bedrock needs the file inline as file.file_data (a data: URL); file ids cannot be sent.`, "unsupported_file", `${where}.file`);
  const data = parseDataUrl(fileData);
  const format = data ? DOCUMENT_FORMATS[data.mediaType.toLowerCase()] : undefined;
  if (!data || !format) {
    throw invalidRequest(`${where}: Amazon Bedrock accepts PDF, CSV, DOC(X), XLS(X), HTML, TXT and Markdown documents as data: URLs.`, "unsupported_file", `${where}.file`);
  }
  return { document: { format, name: documentName(asString(file?.filename)), source: { bytes: data.data } } };
}

/** Converse document names allow letters, digits, single spaces, hyphens, parentheses and square brackets only. */
function documentName(filename: string | undefined): string {
  const base = (filename ?? "").replace(/\.[^.]*$/, "");
  const cleaned = base.replace(/[^A-Za-z0-9\-()[\] ]+/g, " ").replace(/\s+/g, " ").trim();
  return cleaned || "document";
}
