import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";

/**
 * One migration set for both databases: only types both understand (text, integer,
 * bigint) and no dialect-specific defaults.
 */
const migrations: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("organisations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("key_hash", "text", (c) => c.notNull().unique())
        .addColumn("masked", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();

      await db.schema
        .createTable("virtual_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("slug", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("credential_ciphertext", "text", (c) => c.notNull())
        .addColumn("credential_key_version", "text", (c) => c.notNull())
        .addColumn("custom_base_url", "text")
        .addColumn("models", "text")
        .addColumn("enabled", "integer", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("virtual_keys_org_slug", ["org_id", "slug"])
        .execute();

      await db.schema
        .createTable("audit_records")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("api_key_id", "text")
        .addColumn("virtual_key", "text")
        .addColumn("provider", "text")
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("requested_model", "text")
        .addColumn("upstream_model", "text")
        .addColumn("user_id", "text")
        .addColumn("trace_id", "text")
        .addColumn("metadata", "text")
        .addColumn("status_code", "integer", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("prompt_tokens", "integer")
        .addColumn("completion_tokens", "integer")
        .addColumn("cached_tokens", "integer")
        .addColumn("reasoning_tokens", "integer")
        .addColumn("cost_micro_usd", "bigint")
        .addColumn("latency_ms", "integer", (c) => c.notNull())
        .addColumn("ttft_ms", "integer")
        .addColumn("streamed", "integer", (c) => c.notNull())
        .addColumn("error_type", "text")
        .addColumn("error_message", "text")
        .execute();

      await db.schema.createIndex("audit_records_org_time").on("audit_records").columns(["org_id", "created_at", "id"]).execute();
    },
  },

  "0002_policies": {
    async up(db: Kysely<any>) {
      // SQLite adds one column per ALTER TABLE.
      await db.schema.alterTable("organisations").addColumn("default_action", "text", (c) => c.notNull().defaultTo("allow")).execute();
      await db.schema.alterTable("organisations").addColumn("custom_detectors", "text").execute();
      await db.schema.alterTable("api_keys").addColumn("iam", "text").execute();
      await db.schema.alterTable("api_keys").addColumn("usage_limit_micro_usd", "bigint").execute();
      await db.schema.alterTable("api_keys").addColumn("expires_at", "bigint").execute();
      for (const column of ["policy_action", "policy_rule_id", "policy_alerts", "guard_findings"]) {
        await db.schema.alterTable("audit_records").addColumn(column, "text").execute();
      }

      await db.schema
        .createTable("policies")
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("virtual_key", "text", (c) => c.notNull())
        .addColumn("rules", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("policies_pk", ["org_id", "virtual_key"])
        .execute();

      await db.schema
        .createTable("audit_contents")
        .addColumn("record_id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("prompt", "text")
        .addColumn("completion", "text")
        .execute();
    },
  },
  "0003_audit_chain_and_costs": {
    async up(db: Kysely<any>) {
      for (const [column, type] of [
        ["cache_write_tokens", "integer"],
        ["input_cost_micro_usd", "bigint"],
        ["output_cost_micro_usd", "bigint"],
        ["content_hash", "text"],
        ["chain_id", "text"],
        ["chain_seq", "bigint"],
        ["prev_hash", "text"],
        ["hash", "text"],
      ] as const) {
        await db.schema.alterTable("audit_records").addColumn(column, type).execute();
      }
      await db.schema.createIndex("audit_records_chain").on("audit_records").columns(["chain_id", "chain_seq"]).execute();
      await db.schema
        .createTable("audit_chains")
        .addColumn("chain_id", "text", (c) => c.primaryKey())
        .addColumn("head_seq", "bigint", (c) => c.notNull())
        .addColumn("head_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.alterTable("organisations").addColumn("response_metadata", "integer", (c) => c.notNull().defaultTo(1)).execute();
    },
  },
  "0007_virtual_key_cache_ttl": {
    async up(db: Kysely<any>) {
      await db.schema.alterTable("virtual_keys").addColumn("cache_ttl_seconds", "integer").execute();
    },
  },
  "0006_audit_attempts_and_cache": {
    async up(db: Kysely<any>) {
      for (const [column, type] of [
        ["attempts", "text"],
        ["cache_status", "text"],
        ["cost_saved_micro_usd", "bigint"],
      ] as const) {
        await db.schema.alterTable("audit_records").addColumn(column, type).execute();
      }
    },
  },
  "0004_routes": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("routes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("definition", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("routes_org_name", ["org_id", "name"])
        .execute();
      // A virtual key uses at most one route. Deleting the key drops its attachment; a route in use cannot be deleted.
      await db.schema
        .createTable("route_attachments")
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("virtual_key", "text", (c) => c.notNull())
        .addColumn("route_name", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("route_attachments_pk", ["org_id", "virtual_key"])
        .addForeignKeyConstraint("route_attachments_vk", ["org_id", "virtual_key"], "virtual_keys", ["org_id", "slug"], (fk) => fk.onDelete("cascade"))
        .addForeignKeyConstraint("route_attachments_route", ["org_id", "route_name"], "routes", ["org_id", "name"])
        .execute();
    },
  },
  "0005_provider_keys": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("provider_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("credential_ciphertext", "text", (c) => c.notNull())
        .addColumn("credential_key_version", "text", (c) => c.notNull())
        .addColumn("hint", "text", (c) => c.notNull())
        .addColumn("config", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("activated_at", "bigint")
        .addColumn("retired_at", "bigint")
        .execute();
      // At most one active key per organisation and provider, whatever the races between writers.
      await db.schema
        .createIndex("provider_keys_one_active")
        .on("provider_keys")
        .columns(["org_id", "provider"])
        .unique()
        .where(sql.ref("status"), "=", sql.lit("active"))
        .execute();
      await db.schema
        .createTable("provider_key_rotations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("org_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("old_key_id", "text", (c) => c.notNull().references("provider_keys.id"))
        .addColumn("new_key_id", "text", (c) => c.notNull().references("provider_keys.id"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("grace_period_ends", "bigint", (c) => c.notNull())
        .addColumn("new_key_succeeded_at", "bigint")
        .addColumn("new_key_first_auth_failure_at", "bigint")
        .addColumn("settled_at", "bigint")
        .execute();
      // At most one rotation in grace per organisation and provider.
      await db.schema
        .createIndex("provider_key_rotations_one_in_grace")
        .on("provider_key_rotations")
        .columns(["org_id", "provider"])
        .unique()
        .where(sql.ref("status"), "=", sql.lit("in_grace"))
        .execute();
      // Existing virtual keys keep their own credential (0).
      await db.schema.alterTable("virtual_keys").addColumn("uses_provider_key", "integer", (c) => c.notNull().defaultTo(0)).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
