import { csvHeader, csvHeads, csvRecord } from "./export-csv.js";
import { ExportHeads } from "./export-heads.js";
import { jsonlHeads, jsonlRecord } from "./export-jsonl.js";
import type { ExportOptions } from "./export-options.js";
import { exportRows } from "./export-rows.js";
import { type QueryContext, startReadSnapshot } from "./query-context.js";

export type { ExportFormat, ExportOptions } from "./export-options.js";
export { ExportParams } from "./export-options.js";
export type { ExportHead } from "./export-heads.js";

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_CHUNK_CHARS = 64 * 1024;

/**
 * The audit trail of one organisation as CSV or JSONL text, in chunks of about
 * `chunkChars`, oldest record first, ending with the heads of the chains it covers.
 *
 * Oldest first: the trail is an append-only log, and read forwards an export is one too —
 * consecutive ranges (`to` of one is `from` of the next) concatenate into the same file a
 * single export would give, records written while an export runs land after it rather than
 * shifting its pages, and each chain's records appear in the order they were linked.
 *
 * Everything is read from one snapshot, so the closing heads match the records above them.
 * The first chunk comes after the first page is read, so a caller that waits for it learns
 * of a failing database before it commits to a response status.
 */
export async function* exportAuditTrail(ctx: QueryContext, options: ExportOptions): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const csv = options.format === "csv";
  const trx = await startReadSnapshot(ctx);
  try {
    const heads = new ExportHeads();
    let records = 0;
    let chunk = csv ? csvHeader() : "";
    let first = true;
    for await (const page of exportRows(trx, options, pageSize)) {
      for (const row of page) {
        chunk += csv ? csvRecord(row) : jsonlRecord(row);
        heads.see(row.chain_id, row.chain_seq, row.hash);
        records++;
        if (chunk.length >= chunkChars) {
          yield chunk;
          chunk = "";
          first = false;
        }
      }
      if (first && chunk) {
        yield chunk;
        chunk = "";
        first = false;
      }
    }
    const persisted = new Map<string, { seq: number; hash: string }>();
    const ids = heads.chainIds;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx.selectFrom("audit_chains").select(["chain_id", "head_seq", "head_hash"]).where("chain_id", "in", ids.slice(i, i + 500)).execute();
      for (const r of rows) persisted.set(r.chain_id, { seq: Number(r.head_seq), hash: r.head_hash });
    }
    const withHeads = heads.withPersisted(persisted);
    yield chunk + (csv ? csvHeads(records, withHeads) : jsonlHeads(records, withHeads));
  } finally {
    await trx.rollback().execute();
  }
}
