import { z } from "zod";

export type ExportFormat = "csv" | "jsonl";

export interface ExportOptions {
  format: ExportFormat;
  /** Only this organisation's records (the admin API always sets it; the CLI sets it from --org). */
  orgId: string;
  /** created_at >= fromMs (epoch ms), inclusive. */
  fromMs?: number | undefined;
  /** created_at < toMs (epoch ms), exclusive: exports of [a, b) and [b, c) neither overlap nor leave a gap. */
  toMs?: number | undefined;
  /** Records read per query. */
  pageSize?: number | undefined;
  /** Roughly how many characters each chunk holds. */
  chunkChars?: number | undefined;
}

/** An ISO 8601 time (a date alone is UTC midnight) or epoch milliseconds. */
const instant = z.string().transform((v, ctx) => {
  const ms = /^\d{1,15}$/.test(v) ? Number(v) : /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 time (2025-01-31T00:00:00Z) or epoch milliseconds" });
    return z.NEVER;
  }
  return ms;
});

/** The export's parameters as the admin API's query string and the CLI's flags give them. */
export const ExportParams = z
  .object({
    format: z.enum(["csv", "jsonl"]).default("jsonl"),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict()
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, { message: "from must not be after to", path: ["from"] });

export type ExportParams = z.infer<typeof ExportParams>;
