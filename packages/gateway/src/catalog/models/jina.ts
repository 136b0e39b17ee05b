import { caps, entriesFor, type ModelSpec } from "./define.js";

/** Jina AI's embeddings page, where its token packs are sold. */
const JINA_PRICING = "https://jina.ai/embeddings/";

// Jina sells prepaid token packs shared across its APIs rather than a per-token list price, so these
// entries carry no price. Embedding entries carry no output: maxOutput is 1.
const specs: ModelSpec[] = [
  { id: "jina-embeddings-v4", name: "Jina Embeddings v4", context: 32_768, maxOutput: 1, caps: caps.embedding, price: null },
  { id: "jina-embeddings-v3", name: "Jina Embeddings v3", context: 8_192, maxOutput: 1, caps: caps.embedding, price: null },
];

export const JINA_MODELS = entriesFor("jina", { source: JINA_PRICING, checkedAt: "2025-06-01" }, specs);
