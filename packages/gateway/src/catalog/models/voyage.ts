import { caps, CHECKED, entriesFor, type ModelSpec } from "./define.js";

/** Voyage AI's pricing page. */
const VOYAGE_PRICING = "https://docs.voyageai.com/docs/pricing";

// Embedding entries carry no output: maxOutput is 1 (the schema needs a positive number) and the output
// price is 0. Only Voyage 4 Lite's price was read this session; the others carry the date they are
// known to have held.
const embedding = caps.embedding;

const specs: ModelSpec[] = [
  { id: "voyage-4-large", name: "Voyage 4 Large", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.12, output: 0, checkedAt: "2026-01-15" } },
  { id: "voyage-4", name: "Voyage 4", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.06, output: 0, checkedAt: "2026-01-15" } },
  { id: "voyage-4-lite", name: "Voyage 4 Lite", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.02, output: 0, checkedAt: CHECKED } },
  { id: "voyage-code-3", name: "Voyage Code 3", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.18, output: 0 } },
  { id: "voyage-3.5", name: "Voyage 3.5", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.06, output: 0 } },
  { id: "voyage-3.5-lite", name: "Voyage 3.5 Lite", context: 32_000, maxOutput: 1, caps: embedding, price: { input: 0.02, output: 0 } },
];

export const VOYAGE_MODELS = entriesFor("voyage", { source: VOYAGE_PRICING, checkedAt: "2025-06-01" }, specs);
