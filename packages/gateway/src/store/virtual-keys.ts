import type { Kysely, Updateable } from "kysely";
import type { Database, NewVirtualKeyRow, VirtualKeyRow, VirtualKeyTable } from "./schema.js";

export type VirtualKeyChanges = Omit<Updateable<VirtualKeyTable>, "id" | "org_id" | "slug" | "created_at">;

export class VirtualKeyQueries {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewVirtualKeyRow): Promise<void> {
    await this.db.insertInto("virtual_keys").values(row).execute();
  }

  get(orgId: string, slug: string): Promise<VirtualKeyRow | undefined> {
    return this.db.selectFrom("virtual_keys").selectAll().where("org_id", "=", orgId).where("slug", "=", slug).executeTakeFirst();
  }

  list(orgId: string): Promise<VirtualKeyRow[]> {
    return this.db.selectFrom("virtual_keys").selectAll().where("org_id", "=", orgId).orderBy("slug", "asc").execute();
  }

  listAll(): Promise<VirtualKeyRow[]> {
    return this.db.selectFrom("virtual_keys").selectAll().execute();
  }

  async update(orgId: string, slug: string, changes: VirtualKeyChanges): Promise<boolean> {
    const result = await this.db
      .updateTable("virtual_keys")
      .set(changes)
      .where("org_id", "=", orgId)
      .where("slug", "=", slug)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(orgId: string, slug: string): Promise<boolean> {
    const result = await this.db.deleteFrom("virtual_keys").where("org_id", "=", orgId).where("slug", "=", slug).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
