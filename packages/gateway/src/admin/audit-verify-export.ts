import { Hono } from "hono";
import { z } from "zod";
import { ExportParams } from "../audit/export-options.js";
import { queryRunnerFor } from "../audit/query-runner.js";
import type { VerifyResult } from "../audit/verify-result.js";
import { errorBody } from "../lib/errors.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { parseWith } from "./validate.js";

/**
 * Exports hold a read snapshot (on PostgreSQL, a pooled connection) for as long as the
 * client takes to download; a cap keeps slow downloads from starving the audit writer.
 */
const MAX_CONCURRENT_EXPORTS = 2;

const NoParams = z.object({}).strict();

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

/** `GET /api/audit/verify` and `GET /api/audit/export`, mounted under /api/audit before the list route. */
export function auditVerifyExportRoutes({ store, log }: AdminServices) {
  const app = new Hono<AdminEnv>();
  // One verification at a time: callers arriving while one runs share its answer.
  let verifying: Promise<VerifyResult> | null = null;
  let exporting = 0;

  app.get("/verify", async (c) => {
    parseWith(NoParams, c.req.query());
    verifying ??= queryRunnerFor(store)
      .verify()
      .finally(() => {
        verifying = null;
      });
    const result = await verifying;
    if (result.status === "tampered") log.warn({ kind: result.kind, chainId: result.chainId, seq: result.seq, recordId: result.recordId }, "audit trail verification found tampering");
    return c.json(result, 200);
  });

  app.get("/export", async (c) => {
    const params = parseWith(ExportParams, c.req.query());
    if (exporting >= MAX_CONCURRENT_EXPORTS) {
      const body = errorBody(`At most ${MAX_CONCURRENT_EXPORTS} audit exports run at once; try again when one finishes.`, "rate_limit_error", "export_in_progress");
      return c.json(body, 429, { "retry-after": "5" });
    }
    exporting++;
    let released = false;
    const release = () => {
      if (!released) exporting--;
      released = true;
    };

    const chunks = queryRunnerFor(store)
      .exportChunks({ format: params.format, orgId: c.get("apiKey").orgId, fromMs: params.from, toMs: params.to })
      [Symbol.asyncIterator]();
    // Wait for the first chunk (read after the first page) so a failing database is still an error status, not a cut 200.
    let first: IteratorResult<string>;
    try {
      first = await chunks.next();
    } catch (err) {
      release();
      throw err;
    }

    const encoder = new TextEncoder();
    let pending: IteratorResult<string> | null = first;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        // Pulled only when the response has room: a slow client slows the export, never buffers it.
        async pull(controller) {
          try {
            const next = pending ?? (await chunks.next());
            pending = null;
            if (cancelled) return;
            if (next.done) {
              release();
              controller.close();
            } else controller.enqueue(encoder.encode(next.value));
          } catch (err) {
            release();
            if (cancelled) return;
            // Headers are gone: the response is cut off without its closing heads, which is how a reader tells.
            log.error({ err: (err as Error).message }, "audit export failed part way; the response is cut off before its chain heads");
            controller.error(err);
          }
        },
        // The client went away: stop the job (its snapshot and, on PostgreSQL, its connection are released).
        async cancel() {
          cancelled = true;
          release();
          await chunks.return?.();
        },
      },
      { highWaterMark: 0 },
    );
    const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": CONTENT_TYPES[params.format],
        "content-disposition": `attachment; filename="igris-audit-${stamp}.${params.format}"`,
        "cache-control": "no-store",
      },
    });
  });

  return app;
}
