import { z } from "zod";

/** Prices are USD per million tokens, as providers publish them. */
const perMillion = z.number().nonnegative().max(10_000);

const PriceTierSchema = z
  .object({
    /** The tier applies when the request's input tokens exceed this many (e.g. 200_000). */
    aboveInputTokens: z.number().int().positive(),
    input: perMillion,
    output: perMillion,
    cachedInput: perMillion.optional(),
    cacheWrite: perMillion.optional(),
  })
  .strict();

export const ModelPriceSchema = z
  .object({
    input: perMillion,
    output: perMillion,
    /** Input tokens read from the provider's prompt cache. */
    cachedInput: perMillion.optional(),
    /** Input tokens written to the prompt cache (Anthropic's 5-minute cache). */
    cacheWrite: perMillion.optional(),
    /** Writes to a 1-hour cache, where the provider prices them apart. */
    cacheWrite1h: perMillion.optional(),
    /** Reasoning tokens, where they are priced apart from other output. */
    reasoning: perMillion.optional(),
    /** Higher prices for long contexts, ordered by threshold. */
    tiers: z.array(PriceTierSchema).max(4).optional(),
    /** Where the price was read. */
    source: z.url(),
    /** The day it was checked against that source (YYYY-MM-DD). */
    checkedAt: z.iso.date(),
  })
  .strict();

export const CapabilitiesSchema = z
  .object({
    streaming: z.boolean(),
    tools: z.boolean(),
    parallelTools: z.boolean(),
    vision: z.boolean(),
    jsonOutput: z.boolean(),
    structuredOutput: z.boolean(),
    reasoning: z.boolean(),
  })
  .strict();

export const CatalogModelSchema = z
  .object({
    /** Unique in the catalogue: "<provider>/<providerModelId>". */
    id: z.string().min(3),
    /** The model's own name across providers, e.g. "gpt-4o" or "llama-3.3-70b-instruct". */
    model: z.string().min(1),
    /** A registry provider slug. */
    provider: z.string().min(1),
    /** What the provider's API expects in `model`. */
    providerModelId: z.string().min(1),
    /** Other names that resolve to this entry: dated snapshots, "-latest" names. */
    aliases: z.array(z.string().min(1)),
    name: z.string().min(1),
    contextLength: z.number().int().positive(),
    maxOutput: z.number().int().positive(),
    capabilities: CapabilitiesSchema,
    /** The day the provider stops (or stopped) serving it; null when none is announced. */
    deprecationDate: z.iso.date().nullable(),
    /** No longer served at all: hidden from /v1/models unless asked for. */
    deactivated: z.boolean().default(false),
    /** null when the model has no published price (a self-hosted one, say). */
    price: ModelPriceSchema.nullable(),
  })
  .strict();

export type CatalogModel = z.infer<typeof CatalogModelSchema>;
export type CatalogModelInput = z.input<typeof CatalogModelSchema>;
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
