import { createHash } from "node:crypto";

/** Bumped whenever normalisation changes, so entries keyed the old way are never matched. */
const KEY_VERSION = "1";

/** Fields that do not change the answer: who asked, and how it is delivered. */
const DROPPED = new Set(["user", "stream", "stream_options"]);

/** Values that mean the same as leaving the field out, per endpoint (OpenAI's documented defaults). */
const DEFAULTS: Record<string, Record<string, unknown>> = {
  "chat.completions": { n: 1, temperature: 1, top_p: 1, presence_penalty: 0, frequency_penalty: 0, logprobs: false, response_format: { type: "text" } },
  embeddings: { encoding_format: "float" },
};

export interface CacheKeyInput {
  orgId: string;
  /** "chat.completions", "embeddings", …: the same body on two endpoints is two questions. */
  endpoint: string;
  /** The client's body, model as sent (`@vk/gpt-4o`, `@route:chat`, `gpt-4o`). */
  body: Record<string, unknown>;
  /** Anything else that changes which upstream answers, e.g. a pinned provider. */
  partition?: string;
}

/**
 * The request in one canonical text: object keys sorted at every depth, nulls and default values dropped,
 * `user` / `stream` / `stream_options` dropped. Message order and every sampling parameter are kept.
 */
export function normaliseRequest(endpoint: string, body: Record<string, unknown>): string {
  const defaults = DEFAULTS[endpoint] ?? {};
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (DROPPED.has(name) || value === null || value === undefined) continue;
    if (name in defaults && canonical(value) === canonical(defaults[name])) continue;
    kept[name] = value;
  }
  return canonical(kept);
}

/** Exact-match key of a request within its organisation: hex SHA-256. */
export function cacheKey(input: CacheKeyInput): string {
  return createHash("sha256")
    .update(`${KEY_VERSION}\n${input.orgId}\n${input.endpoint}\n${input.partition ?? ""}\n`)
    .update(normaliseRequest(input.endpoint, input.body))
    .digest("hex");
}

/** JSON with object keys sorted; undefined members are left out as JSON.stringify would. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonical(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
