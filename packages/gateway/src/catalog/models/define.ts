import type { Capabilities, CatalogModelInput } from "../schema.js";

type Price = NonNullable<CatalogModelInput["price"]>;

/** A price as written in a provider file: source and checkedAt fall back to the provider's own. */
export type PriceSpec = Omit<Price, "source" | "checkedAt"> & Partial<Pick<Price, "source" | "checkedAt">>;

/** One model as a provider serves it; `id` is what the provider's API expects in `model`. */
export interface ModelSpec {
  id: string;
  /** The model's own name across providers; defaults to `id`. */
  model?: string;
  name: string;
  aliases?: string[];
  context: number;
  maxOutput: number;
  caps: Capabilities;
  price: PriceSpec | null;
  /** Announced shutdown day (YYYY-MM-DD). */
  shutdown?: string;
  /** Already shut down. */
  deactivated?: boolean;
}

export interface PriceDefaults {
  /** The provider's pricing page. */
  source: string;
  /** The day prices in the file were checked against that page, unless an entry says otherwise. */
  checkedAt: string;
}

/** Turns one provider's specs into catalogue entries, so `id` can never drift from provider and model id. */
export function entriesFor(provider: string, defaults: PriceDefaults, specs: readonly ModelSpec[]): CatalogModelInput[] {
  return specs.map((s) => ({
    id: `${provider}/${s.id}`,
    model: s.model ?? s.id,
    provider,
    providerModelId: s.id,
    aliases: s.aliases ?? [],
    name: s.name,
    contextLength: s.context,
    maxOutput: s.maxOutput,
    capabilities: s.caps,
    deprecationDate: s.shutdown ?? null,
    deactivated: s.deactivated ?? false,
    price: s.price && { ...s.price, source: s.price.source ?? defaults.source, checkedAt: s.price.checkedAt ?? defaults.checkedAt },
  }));
}

/** The day these files were last checked against the providers' pages. */
export const CHECKED = "2026-11-23";

const base: Capabilities = { streaming: true, tools: true, parallelTools: true, vision: false, jsonOutput: true, structuredOutput: false, reasoning: false };

/** Capability sets that recur across providers; an entry spreads one and overrides what differs. */
export const caps = {
  /** Text in, tools, JSON mode; no schema-constrained output. */
  text: base,
  /** Text with schema-constrained (json_schema) output. */
  textStructured: { ...base, structuredOutput: true },
  /** Images in, tools, JSON and structured output. */
  multimodal: { ...base, vision: true, structuredOutput: true },
  /** `multimodal` that also thinks before answering. */
  multimodalReasoning: { ...base, vision: true, structuredOutput: true, reasoning: true },
  /** Text-only reasoning model with tools and JSON mode. */
  textReasoning: { ...base, reasoning: true },
  /**
   * Embedding models: no streaming, no tools, no output. Their entries carry maxOutput 1 (the schema
   * wants a positive number) and an output price of 0; neither is a dimension count.
   */
  embedding: { streaming: false, tools: false, parallelTools: false, vision: false, jsonOutput: false, structuredOutput: false, reasoning: false },
} satisfies Record<string, Capabilities>;
