import type { Kysely } from "kysely";
import type { AuditRow, Database } from "../store/index.js";
import type { ExportOptions } from "./export-options.js";
import { recordsWithContent } from "./records-with-content.js";

/** A record with its logged content, if any. */
export type ExportRow = AuditRow & {
  content_record_id: string | null;
  content_prompt: string | null;
  content_completion: string | null;
};

/**
 * One organisation's records in a time range, oldest first, a page at a time: keyset
 * paging on (created_at, id) rides the (org_id, created_at, id) index, so every page costs
 * the same however deep the export is.
 */
export async function* exportRows(db: Kysely<Database>, options: ExportOptions, pageSize: number): AsyncGenerator<ExportRow[]> {
  let after: { createdAt: number; id: string } | null = null;
  for (;;) {
    const cursor: { createdAt: number; id: string } | null = after;
    const page = (await recordsWithContent(db)
      .where("audit_records.org_id", "=", options.orgId)
      .$if(options.fromMs !== undefined, (q) => q.where("audit_records.created_at", ">=", options.fromMs!))
      .$if(options.toMs !== undefined, (q) => q.where("audit_records.created_at", "<", options.toMs!))
      .$if(cursor !== null, (q) =>
        // The redundant bound on the indexed column lets both databases start the index scan at the cursor.
        q
          .where("audit_records.created_at", ">=", cursor!.createdAt)
          .where((eb) => eb(eb.refTuple("audit_records.created_at", "audit_records.id"), ">", eb.tuple(cursor!.createdAt, cursor!.id))),
      )
      .orderBy("audit_records.created_at")
      .orderBy("audit_records.id")
      .limit(pageSize)
      .execute()) as ExportRow[];
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    after = { createdAt: last.created_at, id: last.id };
  }
}
