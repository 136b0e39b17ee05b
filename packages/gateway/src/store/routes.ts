import type { Kysely } from "kysely";
import type { Database, RouteAttachmentRow, RouteRow } from "./schema.js";

/** Named routes and which virtual keys use them. Definitions are validated JSON; this layer only stores them. */
export class RouteQueries {
  constructor(private readonly db: Kysely<Database>) {}

  list(orgId: string): Promise<RouteRow[]> {
    return this.db.selectFrom("routes").selectAll().where("org_id", "=", orgId).orderBy("name", "asc").execute();
  }

  listAll(): Promise<RouteRow[]> {
    return this.db.selectFrom("routes").selectAll().execute();
  }

  get(orgId: string, name: string): Promise<RouteRow | undefined> {
    return this.db.selectFrom("routes").selectAll().where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
  }

  /** Rejects (unique constraint) when the organisation already has a route of that name. */
  async insert(row: RouteRow): Promise<void> {
    await this.db.insertInto("routes").values(row).execute();
  }

  async replace(orgId: string, name: string, definition: string, updatedAt: number): Promise<boolean> {
    const result = await this.db
      .updateTable("routes")
      .set({ definition, updated_at: updatedAt })
      .where("org_id", "=", orgId)
      .where("name", "=", name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Rejects (foreign key) while a virtual key is attached to the route. */
  async delete(orgId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom("routes").where("org_id", "=", orgId).where("name", "=", name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  attachments(orgId: string): Promise<RouteAttachmentRow[]> {
    return this.db.selectFrom("route_attachments").selectAll().where("org_id", "=", orgId).orderBy("virtual_key", "asc").execute();
  }

  allAttachments(): Promise<RouteAttachmentRow[]> {
    return this.db.selectFrom("route_attachments").selectAll().execute();
  }

  /** Points the virtual key at the route, replacing any route it used before. */
  async attach(row: RouteAttachmentRow): Promise<void> {
    await this.db
      .insertInto("route_attachments")
      .values(row)
      .onConflict((oc) => oc.columns(["org_id", "virtual_key"]).doUpdateSet({ route_name: row.route_name, updated_at: row.updated_at }))
      .execute();
  }

  /** Detaches the virtual key, only if it uses the named route. */
  async detach(orgId: string, virtualKey: string, routeName: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("route_attachments")
      .where("org_id", "=", orgId)
      .where("virtual_key", "=", virtualKey)
      .where("route_name", "=", routeName)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
