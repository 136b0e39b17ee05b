/**
 * The providers the gateway can reach, as data. A provider that speaks the OpenAI
 * dialect needs nothing but an entry here.
 */
export type AuthStyle = "bearer" | "x-api-key" | "query-param" | "none" | "api-key" | "sigv4";
export type Endpoint = "chat.completions" | "embeddings" | "images.generate" | "audio.transcriptions" | "audio.speech" | "passthrough";
export type DialectName = "openai";

export interface ProviderInfo {
  slug: string;
  name: string;
  /** null: self-hosted or built in; the virtual key's customBaseUrl (or the runtime) supplies it. */
  baseUrl: string | null;
  authStyle: AuthStyle;
  dialect: DialectName;
  supportedEndpoints: Endpoint[];
  /** Environment variable that may hold a default credential for this provider. */
  envKey: string | null;
}

const CHAT_EMBED: Endpoint[] = ["chat.completions", "embeddings", "passthrough"];
const CHAT: Endpoint[] = ["chat.completions", "passthrough"];

export const PROVIDERS: readonly ProviderInfo[] = [
  { slug: "openai", name: "OpenAI", baseUrl: "https://api.openai.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "embeddings", "images.generate", "audio.transcriptions", "audio.speech", "passthrough"], envKey: "OPENAI_API_KEY" },
  { slug: "groq", name: "Groq", baseUrl: "https://api.groq.com/openai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "audio.transcriptions", "passthrough"], envKey: "GROQ_API_KEY" },
  { slug: "together", name: "Together AI", baseUrl: "https://api.together.xyz/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "embeddings", "images.generate", "passthrough"], envKey: "TOGETHER_API_KEY" },
  { slug: "deepseek", name: "DeepSeek", baseUrl: "https://api.deepseek.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "DEEPSEEK_API_KEY" },
  { slug: "xai", name: "xAI", baseUrl: "https://api.x.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "images.generate", "passthrough"], envKey: "XAI_API_KEY" },
  { slug: "mistral", name: "Mistral AI", baseUrl: "https://api.mistral.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "MISTRAL_API_KEY" },
  { slug: "fireworks", name: "Fireworks AI", baseUrl: "https://api.fireworks.ai/inference/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "FIREWORKS_API_KEY" },
  { slug: "openrouter", name: "OpenRouter", baseUrl: "https://openrouter.ai/api/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "OPENROUTER_API_KEY" },
  { slug: "openai-compatible", name: "Any OpenAI-compatible server", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "demo", name: "Igris demo (built in, no network)", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
];

const bySlug = new Map(PROVIDERS.map((p) => [p.slug, p]));

export function findProvider(slug: string): ProviderInfo | undefined {
  return bySlug.get(slug);
}
