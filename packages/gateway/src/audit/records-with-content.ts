import type { Kysely } from "kysely";
import type { Database } from "../store/index.js";

/** Audit records with their logged prompt and completion, if any: what export and verify both read. */
export function recordsWithContent(db: Kysely<Database>) {
  return db
    .selectFrom("audit_records")
    .leftJoin("audit_contents", "audit_contents.record_id", "audit_records.id")
    .selectAll("audit_records")
    .select(["audit_contents.record_id as content_record_id", "audit_contents.prompt as content_prompt", "audit_contents.completion as content_completion"]);
}
