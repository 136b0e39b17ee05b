import { z } from "zod";

export const STRATEGIES = ["fallback", "loadbalance", "cheapest", "fastest"] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Route names and virtual key slugs share one shape, so `@route:<name>` needs no escaping. */
export const ROUTE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const VIRTUAL_KEY_SLUG = /^[a-z0-9][a-z0-9_-]{1,63}$/;

/** How deep groups may nest below the route, and how many leaf targets a route may hold in all. */
export const MAX_NESTING = 3;
export const MAX_LEAVES = 100;

const ms = (max: number) => z.number().int().min(1).max(max);

/** Every field may be left out and is then inherited from the enclosing group, or the defaults below. */
export const RetrySchema = z
  .object({
    /** Retries after the first try on the same target (0: try once). */
    attempts: z.number().int().min(0).max(10),
    baseMs: ms(60_000),
    maxMs: ms(300_000),
    /** The longest provider retry hint (Retry-After, retryDelay) honoured; a longer one moves on instead. */
    maxRetryAfterMs: z.number().int().min(0).max(600_000),
  })
  .partial()
  .strict()
  .refine((r) => r.baseMs === undefined || r.maxMs === undefined || r.baseMs <= r.maxMs, { message: "baseMs must not exceed maxMs", path: ["baseMs"] });

/** Per attempt: connect, then the response's first byte, then each gap between chunks; total bounds the whole attempt. */
export const TimeoutsSchema = z
  .object({ connectMs: ms(600_000), firstByteMs: ms(3_600_000), idleMs: ms(3_600_000), totalMs: ms(3_600_000) })
  .partial()
  .strict();

/** A status code, a status class, or a failure that has no status at all. */
export const FallbackConditionSchema = z.union([z.number().int().min(400).max(599), z.enum(["4xx", "5xx", "network", "timeout"])]);
export type FallbackCondition = z.infer<typeof FallbackConditionSchema>;

const RESERVED_PARAMS = ["model", "messages", "stream", "stream_options"];
const MAX_OVERRIDE_BYTES = 16_384;

/** Request fields a target sets for itself (e.g. a lower max_tokens on a pricier model); they win over the client's. */
export const OverrideParamsSchema = z.record(z.string().min(1).max(100), z.json()).superRefine((params, ctx) => {
  for (const key of Object.keys(params)) {
    if (RESERVED_PARAMS.includes(key)) ctx.addIssue({ code: "custom", path: [key], message: `${key} cannot be overridden${key === "model" ? " here; use the target's model" : ""}` });
  }
  if (JSON.stringify(params).length > MAX_OVERRIDE_BYTES) ctx.addIssue({ code: "custom", message: `must serialise to at most ${MAX_OVERRIDE_BYTES} bytes` });
});

const weight = z.number().min(0).max(1_000);

export const LeafTargetSchema = z
  .object({
    /** Leaves carry no strategy: its absence is what tells them from groups. */
    strategy: z.undefined().optional(),
    virtualKey: z.string().regex(VIRTUAL_KEY_SLUG, "must be a virtual key slug"),
    /** The upstream model; the request's own model when absent. */
    model: z.string().min(1).max(200).optional(),
    /** Share of traffic under loadbalance (default 1); 0 makes the target a spare, tried only after the others. */
    weight: weight.optional(),
    overrideParams: OverrideParamsSchema.optional(),
    retry: RetrySchema.optional(),
    timeouts: TimeoutsSchema.optional(),
  })
  .strict();

type TargetUnion = z.ZodDiscriminatedUnion<[typeof LeafTargetSchema, typeof TargetGroupSchema]>;

export const TargetGroupSchema = z
  .object({
    strategy: z.enum(STRATEGIES),
    // A getter keeps the recursion lazy; the annotation lets TypeScript follow it.
    get targets(): z.ZodArray<TargetUnion> {
      return z.array(TargetSchema).min(1).max(50);
    },
    weight: weight.optional(),
    overrideParams: OverrideParamsSchema.optional(),
    retry: RetrySchema.optional(),
    timeouts: TimeoutsSchema.optional(),
    /** When a failed target (retries spent) hands over to the next; inherited by nested groups. */
    fallbackOn: z.array(FallbackConditionSchema).max(50).optional(),
  })
  .strict();

export const TargetSchema: TargetUnion = z.discriminatedUnion("strategy", [LeafTargetSchema, TargetGroupSchema], {
  error: `a target is { virtualKey, model?, weight?, overrideParams?, retry?, timeouts? } or a group { strategy: ${STRATEGIES.join(" | ")}, targets }`,
});

/**
 * Semantic mode: a request whose prompt's embedding is at least `threshold` similar (cosine) to a cached
 * request's is answered with that answer. Embeddings come from `virtualKey` (any provider with embeddings).
 */
export const SemanticCacheSchema = z
  .object({
    virtualKey: z.string().regex(VIRTUAL_KEY_SLUG, "must be a virtual key slug"),
    model: z.string().min(1).max(200),
    threshold: z.number().min(0.5).max(1).default(0.95),
  })
  .strict();

export const RouteCacheSchema = z.object({ ttlSeconds: z.number().int().min(1).max(30 * 86_400), semantic: SemanticCacheSchema.optional() }).strict();

export const RouteSchema = TargetGroupSchema.omit({ weight: true })
  .extend({
    name: z.string().regex(ROUTE_NAME, "must match ^[a-z0-9][a-z0-9_-]{0,63}$"),
    description: z.string().max(500).optional(),
    cache: RouteCacheSchema.optional(),
  })
  .strict()
  .superRefine((route, ctx) => {
    let leaves = 0;
    const walk = (group: TargetGroup | Route, path: (string | number)[], depth: number) => {
      group.targets.forEach((target, i) => {
        if (!isGroup(target)) return void leaves++;
        if (depth >= MAX_NESTING) ctx.addIssue({ code: "custom", path: [...path, "targets", i], message: `groups may nest at most ${MAX_NESTING} deep` });
        else walk(target, [...path, "targets", i], depth + 1);
      });
    };
    walk(route, [], 0);
    if (leaves > MAX_LEAVES) ctx.addIssue({ code: "custom", path: ["targets"], message: `a route may hold at most ${MAX_LEAVES} targets in all` });
  });

export type Route = z.infer<typeof RouteSchema>;
export type RouteTarget = z.infer<typeof TargetSchema>;
export type LeafTarget = z.infer<typeof LeafTargetSchema>;
export type TargetGroup = z.infer<typeof TargetGroupSchema>;
export type RetrySettings = Required<z.infer<typeof RetrySchema>>;
export type TimeoutSettings = Required<z.infer<typeof TimeoutsSchema>>;
export type RouteCache = z.infer<typeof RouteCacheSchema>;
export type SemanticCache = z.infer<typeof SemanticCacheSchema>;

export function isGroup(target: RouteTarget | Route): target is TargetGroup {
  return target.strategy !== undefined;
}

/** Two retries, starting near 200 ms, never more than 5 s apart; provider hints honoured up to 10 s. */
export const DEFAULT_RETRY: RetrySettings = { attempts: 2, baseMs: 200, maxMs: 5_000, maxRetryAfterMs: 10_000 };

/** A non-streamed answer's first byte arrives only when it is complete, hence the generous first-byte bound. */
export const DEFAULT_TIMEOUTS: TimeoutSettings = { connectMs: 10_000, firstByteMs: 300_000, idleMs: 60_000, totalMs: 600_000 };

/** What the gateway moves on for when nobody says otherwise. */
export const DEFAULT_FALLBACK_ON: readonly FallbackCondition[] = [408, 409, 429, "5xx", "network", "timeout"];

/** Every virtual key slug a route names, in order of appearance, each once. */
export function routeVirtualKeys(route: Route | TargetGroup): { slug: string; path: string }[] {
  const found: { slug: string; path: string }[] = [];
  const walk = (group: Route | TargetGroup, path: string) =>
    group.targets.forEach((t, i) => {
      if (isGroup(t)) walk(t, `${path}targets.${i}.`);
      else if (!found.some((f) => f.slug === t.virtualKey)) found.push({ slug: t.virtualKey, path: `${path}targets.${i}.virtualKey` });
    });
  walk(route, "");
  return found;
}
