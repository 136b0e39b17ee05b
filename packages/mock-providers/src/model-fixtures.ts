/** The OpenAI operations whose recordings answer by model name. */
export type RouteKind = "chat" | "embeddings";

/** Which shape of answer a request wants; a fixture is recorded in exactly one. */
export type ResponseVariant = "json" | "stream" | "float" | "base64";

export interface ModelFixture {
  route: RouteKind;
  model: string;
  variant: ResponseVariant;
  fixture: string;
}

/**
 * Models that answer with a real recording when no `fixture=` directive is given.
 * Every other model, and any row whose file is absent, gets a synthesized answer.
 */
export const MODEL_FIXTURES: readonly ModelFixture[] = [
  { route: "chat", model: "gpt-4.1-nano", variant: "json", fixture: "openai/vercel-openai-text.json" },
  { route: "chat", model: "gpt-4.1-nano", variant: "stream", fixture: "openai/vercel-openai-text-stream.chunks.txt" },
  { route: "chat", model: "gpt-4o-mini", variant: "stream", fixture: "openai/pyd-openai-stream-tool-call-include-usage.i0.response.sse" },
  { route: "chat", model: "grok-3-mini", variant: "json", fixture: "xai/vercel-xai-text.json" },
  { route: "chat", model: "grok-3-mini", variant: "stream", fixture: "xai/vercel-xai-text-stream.chunks.txt" },
  { route: "chat", model: "deepseek-chat", variant: "json", fixture: "deepseek/vercel-deepseek-text.json" },
  { route: "chat", model: "deepseek-reasoner", variant: "json", fixture: "deepseek/pyd-deepseek-thinking.i0.response.json" },
  { route: "chat", model: "deepseek-reasoner", variant: "stream", fixture: "deepseek/pyd-deepseek-thinking-stream.i0.response.sse" },
  { route: "chat", model: "mistral-small-latest", variant: "json", fixture: "mistral/vercel-mistral-text.json" },
  { route: "chat", model: "mistral-small-latest", variant: "stream", fixture: "mistral/vercel-mistral-text-stream.chunks.txt" },
  // Recorded with encoding_format=base64, the OpenAI SDK's default.
  { route: "embeddings", model: "text-embedding-3-small", variant: "base64", fixture: "openai/pyd-openai-embeddings.i0.response.json" },
];

const BY_KEY = new Map(MODEL_FIXTURES.map((row) => [keyOf(row.route, row.model, row.variant), row.fixture]));

export function modelFixture(route: RouteKind, model: unknown, variant: ResponseVariant): string | undefined {
  return typeof model === "string" ? BY_KEY.get(keyOf(route, model, variant)) : undefined;
}

function keyOf(route: RouteKind, model: string, variant: ResponseVariant): string {
  return `${route}\u0000${model}\u0000${variant}`;
}
