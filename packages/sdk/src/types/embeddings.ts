export interface EmbeddingsRequest {
  /** `@<virtual-key>/<model>`, e.g. `@openai-prod/text-embedding-3-small`. */
  model: string;
  /** A string, a list of strings, token ids, or lists of token ids. */
  input: string | string[] | number[] | number[][];
  /** `float` (what providers answer when it is omitted) or `base64`. */
  encoding_format?: "float" | "base64";
  dimensions?: number;
  /** The end user; sent as `X-Igris-User` too, unless a header of the call already sets it. */
  user?: string;
  [field: string]: unknown;
}

export interface Embedding {
  object: "embedding";
  index: number;
  /** Numbers, or a base64 string of little-endian float32 when `encoding_format` is `base64`. */
  embedding: number[] | string;
}

export interface EmbeddingsResponse {
  object: "list";
  data: Embedding[];
  model: string;
  usage?: { prompt_tokens: number; total_tokens: number; [field: string]: unknown };
  [field: string]: unknown;
}
