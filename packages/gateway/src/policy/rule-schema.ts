import { z } from "zod";

export const ENDPOINTS = ["chat.completions", "embeddings", "images.generate", "audio.transcriptions", "audio.speech", "passthrough"] as const;

/** The request-context fields a condition may read; `metadata.<key>` reads X-Igris-Metadata-<key>. */
export const CONDITION_PATHS = ["user", "traceId", "virtualKey", "provider", "apiKey", "model", "endpoint"] as const;
const conditionPath = z
  .string()
  .refine((p) => (CONDITION_PATHS as readonly string[]).includes(p) || /^metadata\.[a-z0-9_-]{1,64}$/.test(p), {
    message: `must be one of ${CONDITION_PATHS.join(", ")} or metadata.<key> (lower-case)`,
  });

/**
 * A value test: a string (equality), a list (any of), `{ glob }` (`*` wildcard),
 * or `{ not: <test> }`.
 */
export type Matcher = string | string[] | { glob: string } | { not: Matcher };
export const MatcherSchema: z.ZodType<Matcher> = z.lazy(() =>
  z.union([
    z.string().max(256),
    z.array(z.string().max(256)).min(1).max(200),
    z.object({ glob: z.string().min(1).max(256) }).strict(),
    z.object({ not: MatcherSchema }).strict(),
  ]),
);

export const TargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("llm_model"), model: z.string().min(1).max(256) }).strict(),
  z.object({ kind: z.literal("llm_endpoint"), endpoint: z.enum(ENDPOINTS) }).strict(),
]);

export const LimitSchema = z
  .object({
    requests: z.number().int().positive().optional(),
    tokens: z.number().int().positive().optional(),
    /** USD; stored and enforced in integer micro-USD. */
    dollars: z.number().positive().max(1_000_000_000).optional(),
    per: z.enum(["minute", "hour", "day", "month"]),
    scope: z
      .string()
      .refine((s) => ["org", "apiKey", "virtualKey", "user"].includes(s) || /^metadata\.[a-z0-9_-]{1,64}$/.test(s), {
        message: "must be org, apiKey, virtualKey, user or metadata.<key>",
      })
      .default("org"),
  })
  .strict()
  .refine((l) => [l.requests, l.tokens, l.dollars].filter((v) => v !== undefined).length === 1, {
    message: "a limit counts exactly one of requests, tokens or dollars",
  });

export const TokenGuardSchema = z
  .object({
    maxInputTokens: z.number().int().positive().optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    maxRequestMaxTokens: z.number().int().positive().optional(),
  })
  .strict()
  .refine((g) => Object.keys(g).length > 0, { message: "a token guard needs at least one bound" });

export const ContentGuardSchema = z
  .object({
    detectors: z.array(z.string().min(1).max(300)).min(1).max(50),
    action: z.enum(["deny", "redact", "alert"]),
    inspectResponse: z.boolean().optional(),
  })
  .strict();

export const PolicyRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, '_', '.' or '-'"),
    name: z.string().max(200).optional(),
    target: TargetSchema,
    action: z.enum(["allow", "deny", "alert"]),
    conditions: z.record(conditionPath, MatcherSchema).optional(),
    limit: LimitSchema.optional(),
    tokenGuard: TokenGuardSchema.optional(),
    contentGuard: ContentGuardSchema.optional(),
    logContent: z.boolean().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // An alert only records and moves on; what it would enforce belongs on an allow rule.
    if (rule.action !== "allow") {
      for (const field of ["limit", "tokenGuard", "contentGuard", "logContent"] as const) {
        if (rule[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `only allow rules carry ${field}` });
      }
    }
  });

export const PolicyRulesSchema = z
  .array(PolicyRuleSchema)
  .max(500)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate rule id ${r.id}` });
      seen.add(r.id);
    });
  });

export type PolicyRule = z.infer<typeof PolicyRuleSchema>;
export type PolicyTarget = z.infer<typeof TargetSchema>;
export type PolicyLimit = z.infer<typeof LimitSchema>;
export type TokenGuard = z.infer<typeof TokenGuardSchema>;
export type ContentGuardRule = z.infer<typeof ContentGuardSchema>;
