import { fnv1a } from "../../seeded-random.js";
import { estimateTokens } from "../../estimate-tokens.js";
import { seededPng } from "./png.js";

export interface ImageRequest {
  prompt: string;
  model?: unknown;
  n?: unknown;
  response_format?: unknown;
}

export interface ImagesResponse {
  created: number;
  data: Array<{ b64_json: string; revised_prompt?: string } | { url: string; revised_prompt?: string }>;
  usage?: {
    total_tokens: number;
    input_tokens: number;
    output_tokens: number;
    input_tokens_details: { text_tokens: number; image_tokens: number };
  };
}

/** Where the mock serves the PNG behind a synthesized `url` answer. */
export const IMAGE_PATH_PREFIX = "/_mock/images/";

/** GPT image models always answer base64 with token usage; DALL·E models answer URLs unless asked. */
const GPT_IMAGE_MODEL = /^gpt-image/;
/** OpenAI bills a generated image in output tokens; this is its count for a small square image. */
const IMAGE_OUTPUT_TOKENS = 272;

export function synthesizeImages(request: ImageRequest, origin: string, created = Math.floor(Date.now() / 1000)): ImagesResponse {
  const model = typeof request.model === "string" ? request.model : "dall-e-2";
  const n = typeof request.n === "number" && Number.isInteger(request.n) && request.n > 0 ? request.n : 1;
  const gptImage = GPT_IMAGE_MODEL.test(model);
  const asBase64 = gptImage || request.response_format === "b64_json";
  const data: ImagesResponse["data"] = [];
  for (let i = 0; i < n; i++) {
    const seed = imageSeed(request.prompt, i);
    const revised = model === "dall-e-3" ? { revised_prompt: request.prompt } : {};
    data.push(asBase64 ? { b64_json: seededPng(seed).toString("base64"), ...revised } : { url: imageUrl(origin, seed), ...revised });
  }
  if (!gptImage) return { created, data };
  const textTokens = estimateTokens(request.prompt);
  const outputTokens = IMAGE_OUTPUT_TOKENS * n;
  return {
    created,
    data,
    usage: {
      total_tokens: textTokens + outputTokens,
      input_tokens: textTokens,
      output_tokens: outputTokens,
      input_tokens_details: { text_tokens: textTokens, image_tokens: 0 },
    },
  };
}

export function imageSeed(prompt: string, index: number): number {
  return fnv1a(`${index}\u0000${prompt}`);
}

function imageUrl(origin: string, seed: number): string {
  return `${origin}${IMAGE_PATH_PREFIX}${seed.toString(16).padStart(8, "0")}.png`;
}

/** The PNG for a `GET /_mock/images/<seed>.png` path, or undefined for any other path. */
export function imageForPath(path: string): Buffer | undefined {
  if (!path.startsWith(IMAGE_PATH_PREFIX)) return undefined;
  const match = /^([0-9a-f]{8})\.png$/.exec(path.slice(IMAGE_PATH_PREFIX.length));
  return match ? seededPng(Number.parseInt(match[1]!, 16)) : undefined;
}
