/**
 * Starter price table: the models the tests and the demo use. Prices are in nano-USD per
 * token (= USD per million tokens × 1000) so that every published price is an integer.
 * The full catalogue, with per-price sources and check dates, replaces this table.
 */
export interface ModelPrice {
  input: number;
  output: number;
  /** Price of an input token served from the prompt cache; input price when absent. */
  cachedInput?: number;
  source: string;
}

const OPENAI = "https://openai.com/api/pricing/";
const XAI = "https://docs.x.ai/docs/models";
const DEEPSEEK = "https://api-docs.deepseek.com/quick_start/pricing";
const MISTRAL = "https://mistral.ai/pricing#api-pricing";
const GROQ = "https://groq.com/pricing";

/** Keyed by model id; "provider/model" keys override where a host charges differently. */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": { input: 2500, cachedInput: 1250, output: 10000, source: OPENAI },
  "gpt-4o-mini": { input: 150, cachedInput: 75, output: 600, source: OPENAI },
  "gpt-4.1": { input: 2000, cachedInput: 500, output: 8000, source: OPENAI },
  "gpt-4.1-mini": { input: 400, cachedInput: 100, output: 1600, source: OPENAI },
  "gpt-4.1-nano": { input: 100, cachedInput: 25, output: 400, source: OPENAI },
  "gpt-5": { input: 1250, cachedInput: 125, output: 10000, source: OPENAI },
  "gpt-5-mini": { input: 250, cachedInput: 25, output: 2000, source: OPENAI },
  "o4-mini": { input: 1100, cachedInput: 275, output: 4400, source: OPENAI },
  "text-embedding-3-small": { input: 20, output: 0, source: OPENAI },
  "grok-3-mini": { input: 300, cachedInput: 75, output: 500, source: XAI },
  "grok-3": { input: 3000, cachedInput: 750, output: 15000, source: XAI },
  "deepseek-chat": { input: 280, cachedInput: 28, output: 420, source: DEEPSEEK },
  "deepseek-reasoner": { input: 280, cachedInput: 28, output: 420, source: DEEPSEEK },
  "mistral-small-latest": { input: 100, output: 300, source: MISTRAL },
  "mistral-large-latest": { input: 2000, output: 6000, source: MISTRAL },
  "groq/llama-3.3-70b-versatile": { input: 590, output: 790, source: GROQ },
};

const DATE_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

const found = new Map<string, ModelPrice | null>();
const MAX_REMEMBERED = 10_000;

/** The price for a model as served by a provider, or undefined when we do not know it. */
export function findPrice(provider: string, model: string): ModelPrice | undefined {
  const key = `${provider}/${model}`;
  let price = found.get(key);
  if (price === undefined) {
    const undated = model.replace(DATE_SUFFIX, "");
    price = PRICES[key] ?? PRICES[model] ?? PRICES[`${provider}/${undated}`] ?? PRICES[undated] ?? null;
    // Model names come from clients and providers; keep the memo bounded.
    if (found.size >= MAX_REMEMBERED) found.clear();
    found.set(key, price);
  }
  return price ?? undefined;
}
