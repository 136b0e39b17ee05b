import { Hono } from "hono";
import { z } from "zod";
import { notFound, unauthorized } from "../lib/errors.js";
import { parseWith } from "../admin/validate.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Catalog } from "./catalog.js";
import type { CatalogModel } from "./schema.js";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const ModelsQuery = z
  .object({
    provider: z.string().max(64).optional(),
    exclude_deprecated: flag.optional(),
    include_deactivated: flag.optional(),
  })
  .strict();

/** One catalogue entry in OpenAI's model-object shape, with the catalogue's fields beside it. */
export function presentModel(m: CatalogModel) {
  const p = m.price;
  return {
    id: m.id,
    object: "model" as const,
    // The catalogue does not know when a provider created a model.
    created: 0,
    owned_by: m.provider,
    model: m.model,
    provider: m.provider,
    provider_model_id: m.providerModelId,
    aliases: m.aliases,
    name: m.name,
    context_length: m.contextLength,
    max_output: m.maxOutput,
    capabilities: {
      streaming: m.capabilities.streaming,
      tools: m.capabilities.tools,
      parallel_tools: m.capabilities.parallelTools,
      vision: m.capabilities.vision,
      json_output: m.capabilities.jsonOutput,
      structured_output: m.capabilities.structuredOutput,
      reasoning: m.capabilities.reasoning,
    },
    deprecation_date: m.deprecationDate,
    deactivated: m.deactivated,
    pricing: p && {
      currency: "USD",
      unit: "per_million_tokens",
      input: p.input,
      output: p.output,
      cached_input: p.cachedInput ?? null,
      cache_write: p.cacheWrite ?? null,
      cache_write_1h: p.cacheWrite1h ?? null,
      reasoning: p.reasoning ?? null,
      tiers: (p.tiers ?? []).map((t) => ({ above_input_tokens: t.aboveInputTokens, input: t.input, output: t.output, cached_input: t.cachedInput ?? null, cache_write: t.cacheWrite ?? null })),
      source: p.source,
      checked_at: p.checkedAt,
    },
  };
}

/** GET /v1/models[/<id>]: the catalogue, for any active gateway key. */
export function modelRoutes(catalog: Catalog, snapshot: Snapshot) {
  const app = new Hono();
  app.use("*", async (c, next) => {
    if (!snapshot.keyFromHeader(c.req.header("authorization")).key) throw unauthorized();
    await next();
  });

  app.get("/", (c) => {
    const q = parseWith(ModelsQuery, c.req.query());
    const data = catalog.models
      .filter((m) => (q.provider ? m.provider === q.provider : true))
      .filter((m) => (q.exclude_deprecated ? m.deprecationDate === null : true))
      .filter((m) => (q.include_deactivated ? true : !m.deactivated))
      .map(presentModel);
    return c.json({ object: "list", data });
  });

  // Catalogue ids contain a slash ("openai/gpt-4o").
  app.get("/:id{.+}", (c) => {
    const id = c.req.param("id");
    const model = catalog.models.find((m) => m.id === id);
    if (!model) throw notFound(`The model "${id}" is not in the catalogue.`, "model_not_found");
    return c.json(presentModel(model));
  });
  return app;
}
