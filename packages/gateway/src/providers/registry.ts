/**
 * The providers the gateway can reach, as data. A provider that speaks the OpenAI
 * dialect needs nothing but an entry here; the others name the dialect that translates for them.
 */
/**
 * How the credential travels. "x-goog-api-key" is Gemini's header form: we prefer it to
 * "query-param" (`?key=`) so keys never land in URLs, access logs or proxy caches.
 */
export type AuthStyle = "bearer" | "x-api-key" | "x-goog-api-key" | "query-param" | "none" | "api-key" | "sigv4";
export type Endpoint = "chat.completions" | "embeddings" | "images.generate" | "audio.transcriptions" | "audio.speech" | "passthrough";
export type DialectName = "openai" | "anthropic" | "gemini" | "bedrock" | "cohere" | "azure";

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
const EMBED: Endpoint[] = ["embeddings", "passthrough"];
const OPENAI_ALL: Endpoint[] = ["chat.completions", "embeddings", "images.generate", "audio.transcriptions", "audio.speech", "passthrough"];

export const PROVIDERS: readonly ProviderInfo[] = [
  // Model labs, OpenAI-compatible
  { slug: "openai", name: "OpenAI", baseUrl: "https://api.openai.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "embeddings", "images.generate", "audio.transcriptions", "audio.speech", "passthrough"], envKey: "OPENAI_API_KEY" },
  { slug: "deepseek", name: "DeepSeek", baseUrl: "https://api.deepseek.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "DEEPSEEK_API_KEY" },
  { slug: "xai", name: "xAI", baseUrl: "https://api.x.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "images.generate", "passthrough"], envKey: "XAI_API_KEY" },
  { slug: "mistral", name: "Mistral AI", baseUrl: "https://api.mistral.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "MISTRAL_API_KEY" },
  { slug: "perplexity", name: "Perplexity (Sonar)", baseUrl: "https://api.perplexity.ai", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "PERPLEXITY_API_KEY" },
  { slug: "moonshot", name: "Moonshot AI (Kimi, international)", baseUrl: "https://api.moonshot.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "MOONSHOT_API_KEY" },
  { slug: "qwen", name: "Alibaba Qwen (DashScope international, compatible mode)", baseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "DASHSCOPE_API_KEY" },
  { slug: "zai", name: "Z.ai (GLM, international)", baseUrl: "https://api.z.ai/api/paas/v4", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "ZAI_API_KEY" },
  { slug: "zhipu", name: "Zhipu AI BigModel (GLM, mainland China)", baseUrl: "https://open.bigmodel.cn/api/paas/v4", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "ZHIPUAI_API_KEY" },
  { slug: "minimax", name: "MiniMax (international)", baseUrl: "https://api.minimax.io/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "MINIMAX_API_KEY" },
  { slug: "ai21", name: "AI21 Labs (Jamba)", baseUrl: "https://api.ai21.com/studio/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "AI21_API_KEY" },
  { slug: "upstage", name: "Upstage (Solar)", baseUrl: "https://api.upstage.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "UPSTAGE_API_KEY" },
  { slug: "meta-llama", name: "Meta Llama API (OpenAI compatibility)", baseUrl: "https://api.llama.com/compat/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "LLAMA_API_KEY" },
  { slug: "inception", name: "Inception Labs (Mercury)", baseUrl: "https://api.inceptionlabs.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "INCEPTION_API_KEY" },
  { slug: "volcengine-ark", name: "Volcengine Ark (Doubao)", baseUrl: "https://ark.cn-beijing.volces.com/api/v3", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "ARK_API_KEY" },
  { slug: "tencent-hunyuan", name: "Tencent Hunyuan", baseUrl: "https://api.hunyuan.cloud.tencent.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "HUNYUAN_API_KEY" },

  // Native (non-OpenAI) dialects
  { slug: "anthropic", name: "Anthropic", baseUrl: "https://api.anthropic.com", authStyle: "x-api-key", dialect: "anthropic", supportedEndpoints: CHAT, envKey: "ANTHROPIC_API_KEY" },
  { slug: "google", name: "Google AI Studio (Gemini API)", baseUrl: "https://generativelanguage.googleapis.com/v1beta", authStyle: "x-goog-api-key", dialect: "gemini", supportedEndpoints: CHAT_EMBED, envKey: "GEMINI_API_KEY" },
  { slug: "cohere", name: "Cohere", baseUrl: "https://api.cohere.com", authStyle: "bearer", dialect: "cohere", supportedEndpoints: CHAT_EMBED, envKey: "CO_API_KEY" },

  // Cloud platforms whose URL depends on the customer's resource, project, account or region:
  // the virtual key's customBaseUrl is required. Vertex and Bedrock take ambient cloud
  // credentials (ADC, the AWS chain), so there is no single env var to name.
  { slug: "azure-openai", name: "Azure OpenAI", baseUrl: null, authStyle: "api-key", dialect: "azure", supportedEndpoints: OPENAI_ALL, envKey: "AZURE_OPENAI_API_KEY" },
  { slug: "vertex-ai", name: "Google Vertex AI (Gemini)", baseUrl: null, authStyle: "bearer", dialect: "gemini", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "bedrock", name: "Amazon Bedrock", baseUrl: null, authStyle: "sigv4", dialect: "bedrock", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "cloudflare-workers-ai", name: "Cloudflare Workers AI", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "CLOUDFLARE_API_TOKEN" },

  // Inference clouds serving open-weight models
  { slug: "groq", name: "Groq", baseUrl: "https://api.groq.com/openai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "audio.transcriptions", "passthrough"], envKey: "GROQ_API_KEY" },
  { slug: "together", name: "Together AI", baseUrl: "https://api.together.xyz/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: ["chat.completions", "embeddings", "images.generate", "passthrough"], envKey: "TOGETHER_API_KEY" },
  { slug: "fireworks", name: "Fireworks AI", baseUrl: "https://api.fireworks.ai/inference/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "FIREWORKS_API_KEY" },
  { slug: "cerebras", name: "Cerebras", baseUrl: "https://api.cerebras.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "CEREBRAS_API_KEY" },
  { slug: "deepinfra", name: "DeepInfra", baseUrl: "https://api.deepinfra.com/v1/openai", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "DEEPINFRA_API_KEY" },
  { slug: "novita", name: "Novita AI", baseUrl: "https://api.novita.ai/openai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "NOVITA_API_KEY" },
  { slug: "sambanova", name: "SambaNova Cloud", baseUrl: "https://api.sambanova.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "SAMBANOVA_API_KEY" },
  { slug: "hyperbolic", name: "Hyperbolic", baseUrl: "https://api.hyperbolic.xyz/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "HYPERBOLIC_API_KEY" },
  { slug: "nebius", name: "Nebius Token Factory", baseUrl: "https://api.tokenfactory.nebius.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "NEBIUS_API_KEY" },
  { slug: "nvidia-nim", name: "NVIDIA NIM (API catalog)", baseUrl: "https://integrate.api.nvidia.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "NVIDIA_API_KEY" },
  // Lambda has announced its Inference API is winding down; kept while it still answers.
  { slug: "lambda", name: "Lambda Inference API", baseUrl: "https://api.lambda.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "friendli", name: "FriendliAI Serverless Endpoints", baseUrl: "https://api.friendli.ai/serverless/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "FRIENDLI_TOKEN" },
  { slug: "baseten", name: "Baseten Model APIs", baseUrl: "https://inference.baseten.co/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "BASETEN_API_KEY" },
  { slug: "inference-net", name: "Inference.net", baseUrl: "https://api.inference.net/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "featherless", name: "Featherless AI", baseUrl: "https://api.featherless.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "FEATHERLESS_API_KEY" },
  { slug: "nscale", name: "Nscale Serverless Inference", baseUrl: "https://inference.api.nscale.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "chutes", name: "Chutes", baseUrl: "https://llm.chutes.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "CHUTES_API_KEY" },
  { slug: "parasail", name: "Parasail", baseUrl: "https://api.parasail.io/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "PARASAIL_API_KEY" },
  { slug: "venice", name: "Venice AI", baseUrl: "https://api.venice.ai/api/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "VENICE_API_KEY" },
  { slug: "siliconflow", name: "SiliconFlow (international)", baseUrl: "https://api.siliconflow.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "SILICONFLOW_API_KEY" },
  { slug: "scaleway", name: "Scaleway Generative APIs", baseUrl: "https://api.scaleway.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "SCW_SECRET_KEY" },
  { slug: "ovhcloud", name: "OVHcloud AI Endpoints", baseUrl: "https://oai.endpoints.kepler.ai.cloud.ovh.net/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "OVH_AI_ENDPOINTS_ACCESS_TOKEN" },

  // Routers and aggregators
  { slug: "openrouter", name: "OpenRouter", baseUrl: "https://openrouter.ai/api/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "OPENROUTER_API_KEY" },
  { slug: "huggingface", name: "Hugging Face Inference Providers (router)", baseUrl: "https://router.huggingface.co/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: "HF_TOKEN" },
  { slug: "github-models", name: "GitHub Models", baseUrl: "https://models.github.ai/inference", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "GITHUB_TOKEN" },
  { slug: "vercel-ai-gateway", name: "Vercel AI Gateway", baseUrl: "https://ai-gateway.vercel.sh/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: "AI_GATEWAY_API_KEY" },

  // Embeddings only
  { slug: "voyage", name: "Voyage AI", baseUrl: "https://api.voyageai.com/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: EMBED, envKey: "VOYAGE_API_KEY" },
  { slug: "jina", name: "Jina AI", baseUrl: "https://api.jina.ai/v1", authStyle: "bearer", dialect: "openai", supportedEndpoints: EMBED, envKey: "JINA_API_KEY" },

  // Self-hosted servers: the operator supplies the URL (customBaseUrl) and any key they configured.
  { slug: "ollama", name: "Ollama", baseUrl: null, authStyle: "none", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "vllm", name: "vLLM", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "sglang", name: "SGLang", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "lmstudio", name: "LM Studio", baseUrl: null, authStyle: "none", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "llamacpp", name: "llama.cpp server", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "tgi", name: "Hugging Face Text Generation Inference", baseUrl: null, authStyle: "none", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "localai", name: "LocalAI", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: OPENAI_ALL, envKey: null },
  { slug: "triton", name: "NVIDIA Triton Inference Server (OpenAI frontend)", baseUrl: null, authStyle: "none", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "modal", name: "Modal (your OpenAI-compatible deployment)", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT, envKey: null },
  { slug: "openai-compatible", name: "Any OpenAI-compatible server", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
  { slug: "demo", name: "Igris demo (built in, no network)", baseUrl: null, authStyle: "bearer", dialect: "openai", supportedEndpoints: CHAT_EMBED, envKey: null },
];

const bySlug = new Map(PROVIDERS.map((p) => [p.slug, p]));

export function findProvider(slug: string): ProviderInfo | undefined {
  return bySlug.get(slug);
}
