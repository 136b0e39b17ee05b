import type { Kysely } from "kysely";
import type { AuditContentRow, Database, PolicyRow } from "./schema.js";

/** The organisation's own rule list is stored under this virtual key name. */
export const ORG_POLICY = "";

export class PolicyQueries {
  constructor(private readonly db: Kysely<Database>) {}

  listAll(): Promise<PolicyRow[]> {
    return this.db.selectFrom("policies").selectAll().execute();
  }

  list(orgId: string): Promise<PolicyRow[]> {
    return this.db.selectFrom("policies").selectAll().where("org_id", "=", orgId).orderBy("virtual_key", "asc").execute();
  }

  get(orgId: string, virtualKey: string): Promise<PolicyRow | undefined> {
    return this.db.selectFrom("policies").selectAll().where("org_id", "=", orgId).where("virtual_key", "=", virtualKey).executeTakeFirst();
  }

  async put(row: PolicyRow): Promise<void> {
    await this.db
      .insertInto("policies")
      .values(row)
      .onConflict((oc) => oc.columns(["org_id", "virtual_key"]).doUpdateSet({ rules: row.rules, updated_at: row.updated_at }))
      .execute();
  }

  async delete(orgId: string, virtualKey: string): Promise<boolean> {
    const result = await this.db.deleteFrom("policies").where("org_id", "=", orgId).where("virtual_key", "=", virtualKey).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  contentsFor(orgId: string, recordIds: string[]): Promise<AuditContentRow[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom("audit_contents").selectAll().where("org_id", "=", orgId).where("record_id", "in", recordIds).execute();
  }
}
