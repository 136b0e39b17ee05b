import type { Kysely } from "kysely";
import type { ApiKeyRow, Database } from "./schema.js";

export class ApiKeyQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.insertInto("api_keys").values(row).execute();
  }

  findByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom("api_keys").selectAll().where("key_hash", "=", keyHash).executeTakeFirst();
  }

  list(orgId: string): Promise<ApiKeyRow[]> {
    return this.db.selectFrom("api_keys").selectAll().where("org_id", "=", orgId).orderBy("created_at", "asc").orderBy("id", "asc").execute();
  }

  listActive(): Promise<ApiKeyRow[]> {
    return this.db.selectFrom("api_keys").selectAll().where("status", "=", "active").execute();
  }

  get(orgId: string, id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom("api_keys").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  }

  async update(orgId: string, id: string, changes: Partial<Pick<ApiKeyRow, "name" | "iam" | "usage_limit_micro_usd" | "expires_at">>): Promise<boolean> {
    const result = await this.db.updateTable("api_keys").set(changes).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Returns false when no such key exists in the organisation. */
  async revoke(orgId: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("api_keys")
      .set({ status: "revoked", revoked_at: now })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
