import { sql } from "kysely";
import { ApiKeyQueries } from "./api-keys.js";
import { AuditQueries } from "./audit.js";
import { type Connection, connect } from "./connect.js";
import { migrateToLatest } from "./migrations.js";
import type { OrganisationRow } from "./schema.js";
import { PolicyQueries } from "./policies.js";
import { ProviderKeyQueries } from "./provider-keys.js";
import { RouteQueries } from "./routes.js";
import { VirtualKeyQueries } from "./virtual-keys.js";

export type { Database, ApiKeyRow, VirtualKeyRow, NewVirtualKeyRow, ProviderKeyRow, ProviderKeyRotationRow, AuditRow, NewAuditRow, OrganisationRow, PolicyRow, AuditContentRow, AuditChainRow, RouteRow, RouteAttachmentRow } from "./schema.js";
export type { AuditQuery, AuditPage } from "./audit.js";
export type { UsableProviderKeys } from "./provider-keys.js";
export { decodeCursor, encodeCursor } from "./audit.js";

/** The typed query layer over SQLite or PostgreSQL. */
export class Store {
  readonly apiKeys: ApiKeyQueries;
  readonly virtualKeys: VirtualKeyQueries;
  readonly audit: AuditQueries;
  readonly policies: PolicyQueries;
  readonly routes: RouteQueries;
  readonly providerKeys: ProviderKeyQueries;

  private constructor(readonly connection: Connection) {
    this.apiKeys = new ApiKeyQueries(connection.db);
    this.virtualKeys = new VirtualKeyQueries(connection.db);
    this.audit = new AuditQueries(connection.db, connection.sqlite);
    this.policies = new PolicyQueries(connection.db);
    this.routes = new RouteQueries(connection.db);
    this.providerKeys = new ProviderKeyQueries(connection.db);
  }

  static async open(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Store> {
    const store = new Store(connect(options));
    try {
      await migrateToLatest(store.connection.db);
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  get dialect() {
    return this.connection.dialect;
  }

  /** Resolves when the database answers, rejects otherwise (bounded by timeoutMs). */
  async ping(timeoutMs = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database did not answer in time")), timeoutMs);
    });
    try {
      await Promise.race([sql`select 1`.execute(this.connection.db), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Creates the organisation unless it exists; `created` tells whether this was the first start. */
  async ensureOrganisation(id: string, name: string, now: number): Promise<{ row: OrganisationRow; created: boolean }> {
    const db = this.connection.db;
    const existing = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
    if (existing) return { row: existing, created: false };
    const row: OrganisationRow = { id, name, created_at: now, default_action: "allow", custom_detectors: null, response_metadata: 1 };
    await db.insertInto("organisations").values(row).execute();
    return { row, created: true };
  }

  getOrganisation(id: string): Promise<OrganisationRow | undefined> {
    return this.connection.db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  listOrganisations(): Promise<OrganisationRow[]> {
    return this.connection.db.selectFrom("organisations").selectAll().execute();
  }

  async updateOrganisation(id: string, changes: Partial<Pick<OrganisationRow, "default_action" | "custom_detectors" | "response_metadata">>): Promise<void> {
    await this.connection.db.updateTable("organisations").set(changes).where("id", "=", id).execute();
  }

  async renameOrganisation(id: string, name: string): Promise<void> {
    await this.connection.db.updateTable("organisations").set({ name }).where("id", "=", id).execute();
  }

  async close(): Promise<void> {
    await this.connection.db.destroy();
  }
}
