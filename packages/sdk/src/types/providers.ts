/** How the gateway authenticates to a provider. */
export type ProviderAuthStyle = "bearer" | "x-api-key" | "query-param" | "none" | "sigv4" | "api-key" | "x-goog-api-key" | (string & {});

/** One entry of the gateway's provider registry (`GET /v1/providers`). */
export interface LlmProviderInfo {
  slug: string;
  name: string;
  /** The public endpoint; null for self-hosted providers, which need a virtual key's `customBaseUrl`. */
  baseUrl: string | null;
  authStyle: ProviderAuthStyle;
  /** e.g. `chat.completions`, `embeddings`, `passthrough`. */
  supportedEndpoints: string[];
  /** The provider's wire format: `openai`, `anthropic`, `gemini`, … */
  dialect?: string;
  /** False while the gateway cannot yet translate the provider's dialect. */
  available?: boolean;
  /** The environment variable that conventionally holds this provider's key. */
  envKey?: string | null;
  /** True when the caller's organisation has an enabled virtual key for this provider. */
  configured?: boolean;
}
