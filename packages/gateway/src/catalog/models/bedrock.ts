import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Amazon Bedrock's pricing page (on-demand, us-east-1). */
const BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/";

// Bedrock sets its own lifecycle dates (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html):
// Claude Opus 4.1 is still served here after Anthropic retired it. Claude 4.5 models are reached through
// cross-Region inference profiles; the `global.` profile is priced at Anthropic's list price, the
// geographic ones (`us.`, `eu.`) 10% higher, so only the global profile is an alias here.
// None of these prices was read on AWS's page this session; each carries the date it is known to have held.
const claude = caps.multimodalReasoning;
const claude4 = { ...caps.multimodal, jsonOutput: false, structuredOutput: false, reasoning: true };
const KNOWN = "2025-11-24";

const specs: ModelSpec[] = [
  {
    id: "anthropic.claude-opus-4-5-20251101-v1:0",
    model: "claude-opus-4-5",
    name: "Claude Opus 4.5 (Bedrock)",
    aliases: ["global.anthropic.claude-opus-4-5-20251101-v1:0"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
  },
  {
    id: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    model: "claude-sonnet-4-5",
    name: "Claude Sonnet 4.5 (Bedrock)",
    aliases: ["global.anthropic.claude-sonnet-4-5-20250929-v1:0"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
  },
  {
    id: "anthropic.claude-haiku-4-5-20251001-v1:0",
    model: "claude-haiku-4-5",
    name: "Claude Haiku 4.5 (Bedrock)",
    aliases: ["global.anthropic.claude-haiku-4-5-20251001-v1:0"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude,
    price: { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
  },
  {
    id: "anthropic.claude-opus-4-1-20250805-v1:0",
    model: "claude-opus-4-1",
    name: "Claude Opus 4.1 (Bedrock)",
    aliases: ["us.anthropic.claude-opus-4-1-20250805-v1:0"],
    context: 200_000,
    maxOutput: 32_000,
    caps: claude4,
    price: { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
  },
  {
    id: "anthropic.claude-3-7-sonnet-20250219-v1:0",
    model: "claude-3-7-sonnet",
    name: "Claude Sonnet 3.7 (Bedrock)",
    aliases: ["us.anthropic.claude-3-7-sonnet-20250219-v1:0"],
    context: 200_000,
    maxOutput: 64_000,
    caps: claude4,
    shutdown: "2026-04-28",
    deactivated: true,
    price: { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15, checkedAt: "2025-06-01" },
  },
  {
    id: "meta.llama3-3-70b-instruct-v1:0",
    model: "llama-3.3-70b-instruct",
    name: "Llama 3.3 70B Instruct (Bedrock)",
    aliases: ["us.meta.llama3-3-70b-instruct-v1:0"],
    context: 128_000,
    maxOutput: 8_192,
    caps: { ...caps.text, parallelTools: false, jsonOutput: false },
    price: { input: 0.72, output: 0.72, checkedAt: "2025-06-01" },
  },
  {
    id: "meta.llama4-maverick-17b-instruct-v1:0",
    model: "llama-4-maverick-17b-128e-instruct",
    name: "Llama 4 Maverick 17B (Bedrock)",
    aliases: ["us.meta.llama4-maverick-17b-instruct-v1:0"],
    context: 1_000_000,
    maxOutput: 8_192,
    caps: { ...caps.multimodal, parallelTools: false, jsonOutput: false, structuredOutput: false },
    price: { input: 0.24, output: 0.97, checkedAt: "2025-06-01" },
  },
  {
    id: "meta.llama4-scout-17b-instruct-v1:0",
    model: "llama-4-scout-17b-16e-instruct",
    name: "Llama 4 Scout 17B (Bedrock)",
    aliases: ["us.meta.llama4-scout-17b-instruct-v1:0"],
    context: 3_500_000,
    maxOutput: 8_192,
    caps: { ...caps.multimodal, parallelTools: false, jsonOutput: false, structuredOutput: false },
    price: { input: 0.17, output: 0.66, checkedAt: "2025-06-01" },
  },
  {
    id: "openai.gpt-oss-120b-1:0",
    model: "gpt-oss-120b",
    name: "gpt-oss-120b (Bedrock)",
    context: 128_000,
    maxOutput: 128_000,
    caps: { ...caps.textReasoning, parallelTools: false },
    price: { input: 0.15, output: 0.6, checkedAt: "2025-08-05" },
  },
  {
    id: "deepseek.r1-v1:0",
    model: "deepseek-r1",
    name: "DeepSeek-R1 (Bedrock)",
    aliases: ["us.deepseek.r1-v1:0"],
    context: 128_000,
    maxOutput: 32_768,
    caps: { ...caps.textReasoning, tools: false, parallelTools: false, jsonOutput: false },
    price: { input: 1.35, output: 5.4, checkedAt: "2025-06-01" },
  },
  {
    id: "amazon.nova-pro-v1:0",
    model: "nova-pro",
    name: "Amazon Nova Pro",
    aliases: ["us.amazon.nova-pro-v1:0"],
    context: 300_000,
    maxOutput: 10_000,
    caps: { ...caps.multimodal, parallelTools: false, jsonOutput: false, structuredOutput: false },
    price: { input: 0.8, cachedInput: 0.2, output: 3.2, checkedAt: "2025-06-01" },
  },
  {
    id: "amazon.nova-lite-v1:0",
    model: "nova-lite",
    name: "Amazon Nova Lite",
    aliases: ["us.amazon.nova-lite-v1:0"],
    context: 300_000,
    maxOutput: 10_000,
    caps: { ...caps.multimodal, parallelTools: false, jsonOutput: false, structuredOutput: false },
    price: { input: 0.06, cachedInput: 0.015, output: 0.24, checkedAt: "2025-06-01" },
  },
  {
    id: "amazon.nova-micro-v1:0",
    model: "nova-micro",
    name: "Amazon Nova Micro",
    aliases: ["us.amazon.nova-micro-v1:0"],
    context: 128_000,
    maxOutput: 10_000,
    caps: { ...caps.text, parallelTools: false, jsonOutput: false },
    price: { input: 0.035, cachedInput: 0.00875, output: 0.14, checkedAt: "2025-06-01" },
  },
  {
    id: "amazon.titan-embed-text-v2:0",
    model: "titan-embed-text-v2",
    name: "Titan Text Embeddings V2",
    context: 8_192,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.02, output: 0, checkedAt: "2025-06-01" },
  },
];

export const BEDROCK_MODELS = entriesFor("bedrock", { source: BEDROCK_PRICING, checkedAt: KNOWN }, specs);
