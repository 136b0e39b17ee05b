import type { Kysely } from "kysely";
import type { Database } from "../store/index.js";
import type { SpoolEntry } from "./spool-line.js";

const IDS_PER_QUERY = 500;

/**
 * The entries whose records are neither in the database nor earlier in the list, in order.
 * A batch can reach the database and still be spooled (a crash before the spool was
 * truncated, a commit whose answer was lost): replaying it again must not duplicate it.
 * Records reach the database in chain order, so what is left is a suffix of each chain and
 * the chain head the insert moves to stays right.
 */
export async function unstoredEntries(db: Kysely<Database>, entries: readonly SpoolEntry[]): Promise<SpoolEntry[]> {
  const ids = [...new Set(entries.map((e) => e.record.id))];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db.selectFrom("audit_records").select("id").where("id", "in", ids.slice(i, i + IDS_PER_QUERY)).execute();
    for (const row of rows) seen.add(row.id);
  }
  const fresh: SpoolEntry[] = [];
  for (const entry of entries) {
    if (seen.has(entry.record.id)) continue;
    seen.add(entry.record.id);
    fresh.push(entry);
  }
  return fresh;
}
