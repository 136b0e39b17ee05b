import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Cohere's pricing page. */
const COHERE_PRICING = "https://cohere.com/pricing";

// Command A, Command A Reasoning and Command R+ are priced on the page's FAQ as existing-customer rates.
// Command A+ is sold as open weights and Model Vault capacity, with no per-token API price, so it is not
// listed.
const command = caps.textStructured;

const specs: ModelSpec[] = [
  {
    id: "command-a-03-2025",
    model: "command-a",
    name: "Command A",
    context: 256_000,
    maxOutput: 8_000,
    caps: command,
    price: { input: 2.5, output: 10 },
  },
  {
    id: "command-a-reasoning-08-2025",
    model: "command-a-reasoning",
    name: "Command A Reasoning",
    context: 256_000,
    maxOutput: 32_000,
    caps: { ...command, reasoning: true },
    price: { input: 2.5, output: 10 },
  },
  {
    id: "command-r-plus-08-2024",
    model: "command-r-plus",
    name: "Command R+ (08-2024)",
    context: 128_000,
    maxOutput: 4_000,
    caps: command,
    price: { input: 2.5, output: 10 },
  },
  {
    id: "command-r-08-2024",
    model: "command-r",
    name: "Command R (08-2024)",
    context: 128_000,
    maxOutput: 4_000,
    caps: command,
    price: { input: 0.15, output: 0.6 },
  },
  {
    id: "command-r7b-12-2024",
    model: "command-r7b",
    name: "Command R7B",
    context: 128_000,
    maxOutput: 4_000,
    caps: command,
    price: { input: 0.0375, output: 0.15 },
  },
  {
    id: "embed-v4.0",
    name: "Embed 4",
    context: 128_000,
    maxOutput: 1,
    caps: caps.embedding,
    // Text input; image input is billed at $0.47 per million tokens.
    price: { input: 0.12, output: 0 },
  },
  {
    id: "embed-english-v3.0",
    name: "Embed English 3",
    context: 512,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.1, output: 0, checkedAt: "2025-06-01" },
  },
  {
    id: "embed-multilingual-v3.0",
    name: "Embed Multilingual 3",
    context: 512,
    maxOutput: 1,
    caps: caps.embedding,
    price: { input: 0.1, output: 0, checkedAt: "2025-06-01" },
  },
  {
    id: "command-r-plus-04-2024",
    model: "command-r-plus",
    name: "Command R+ (04-2024)",
    context: 128_000,
    maxOutput: 4_000,
    caps: command,
    shutdown: "2025-09-15",
    deactivated: true,
    price: { input: 3, output: 15, checkedAt: "2024-04-04" },
  },
  {
    id: "command-r-03-2024",
    model: "command-r",
    name: "Command R (03-2024)",
    context: 128_000,
    maxOutput: 4_000,
    caps: command,
    shutdown: "2025-09-15",
    deactivated: true,
    price: { input: 0.5, output: 1.5, checkedAt: "2024-04-04" },
  },
];

export const COHERE_MODELS = entriesFor("cohere", { source: COHERE_PRICING, checkedAt: CHECKED }, specs);
