import type { CatalogModelInput } from "../schema.js";
import { ANTHROPIC_MODELS } from "./anthropic.js";
import { ANTHROPIC_LEGACY_MODELS } from "./anthropic-legacy.js";
import { AZURE_OPENAI_MODELS } from "./azure-openai.js";
import { BEDROCK_MODELS } from "./bedrock.js";
import { CEREBRAS_MODELS } from "./cerebras.js";
import { COHERE_MODELS } from "./cohere.js";
import { DEEPINFRA_MODELS } from "./deepinfra.js";
import { DEEPSEEK_MODELS } from "./deepseek.js";
import { FIREWORKS_MODELS } from "./fireworks.js";
import { GOOGLE_MODELS } from "./google.js";
import { GROQ_MODELS } from "./groq.js";
import { JINA_MODELS } from "./jina.js";
import { MINIMAX_MODELS } from "./minimax.js";
import { MISTRAL_MODELS } from "./mistral.js";
import { MOONSHOT_MODELS } from "./moonshot.js";
import { OPENAI_MODELS } from "./openai.js";
import { OPENAI_LEGACY_MODELS } from "./openai-legacy.js";
import { OPENROUTER_MODELS } from "./openrouter.js";
import { PERPLEXITY_MODELS } from "./perplexity.js";
import { QWEN_MODELS } from "./qwen.js";
import { SAMBANOVA_MODELS } from "./sambanova.js";
import { TOGETHER_MODELS } from "./together.js";
import { VERTEX_AI_MODELS } from "./vertex-ai.js";
import { VOYAGE_MODELS } from "./voyage.js";
import { XAI_MODELS } from "./xai.js";
import { ZHIPU_MODELS } from "./zhipu.js";

/**
 * Every provider's models; one file per provider. Model makers come first: the demo provider prices a
 * model by its name and takes the first entry that has it. Self-hosted providers (Ollama, vLLM, …) have
 * no entries: what they cost is the operator's business.
 */
export const CATALOG_DATA: readonly CatalogModelInput[] = [
  ...OPENAI_MODELS,
  ...OPENAI_LEGACY_MODELS,
  ...ANTHROPIC_MODELS,
  ...ANTHROPIC_LEGACY_MODELS,
  ...GOOGLE_MODELS,
  ...MISTRAL_MODELS,
  ...COHERE_MODELS,
  ...DEEPSEEK_MODELS,
  ...XAI_MODELS,
  ...MOONSHOT_MODELS,
  ...QWEN_MODELS,
  ...ZHIPU_MODELS,
  ...MINIMAX_MODELS,
  ...PERPLEXITY_MODELS,
  ...VOYAGE_MODELS,
  ...JINA_MODELS,
  ...AZURE_OPENAI_MODELS,
  ...VERTEX_AI_MODELS,
  ...BEDROCK_MODELS,
  ...GROQ_MODELS,
  ...TOGETHER_MODELS,
  ...FIREWORKS_MODELS,
  ...DEEPINFRA_MODELS,
  ...CEREBRAS_MODELS,
  ...SAMBANOVA_MODELS,
  ...OPENROUTER_MODELS,
];
