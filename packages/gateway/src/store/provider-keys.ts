import type { Kysely } from "kysely";
import type { Database, ProviderKeyRotationRow, ProviderKeyRow } from "./schema.js";

/** The keys the hot path may use: active ones, pending ones, and the rotations in grace that pair them. */
export interface UsableProviderKeys {
  keys: ProviderKeyRow[];
  rotations: ProviderKeyRotationRow[];
}

/**
 * Provider keys and their rotations. Each multi-row change is one transaction, and every
 * state change is conditional on the state it leaves, so concurrent writers (a sweep and a
 * read, or two gateway instances) change a row at most once.
 */
export class ProviderKeyQueries {
  constructor(private readonly db: Kysely<Database>) {}

  listKeys(orgId: string, provider: string): Promise<ProviderKeyRow[]> {
    return this.db.selectFrom("provider_keys").selectAll().where("org_id", "=", orgId).where("provider", "=", provider).orderBy("created_at", "desc").orderBy("id", "desc").execute();
  }

  activeKey(orgId: string, provider: string): Promise<ProviderKeyRow | undefined> {
    return this.db
      .selectFrom("provider_keys")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("provider", "=", provider)
      .where("status", "=", "active")
      .executeTakeFirst();
  }

  /** Retires the active key (if any) and makes `row` active. Rejects on the one-active-key index when a concurrent writer won. */
  async replaceActive(row: ProviderKeyRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("provider_keys")
        .set({ status: "retired", retired_at: row.created_at })
        .where("org_id", "=", row.org_id)
        .where("provider", "=", row.provider)
        .where("status", "=", "active")
        .execute();
      await trx.insertInto("provider_keys").values(row).execute();
    });
  }

  /** Stores the pending key and its rotation together. Rejects on the one-rotation-in-grace index when one exists. */
  async startRotation(pendingKey: ProviderKeyRow, rotation: ProviderKeyRotationRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("provider_keys").values(pendingKey).execute();
      await trx.insertInto("provider_key_rotations").values(rotation).execute();
    });
  }

  rotationInGrace(orgId: string, provider: string): Promise<ProviderKeyRotationRow | undefined> {
    return this.db
      .selectFrom("provider_key_rotations")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("provider", "=", provider)
      .where("status", "=", "in_grace")
      .executeTakeFirst();
  }

  getRotation(orgId: string, provider: string, id: string): Promise<ProviderKeyRotationRow | undefined> {
    return this.db
      .selectFrom("provider_key_rotations")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("provider", "=", provider)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  listRotations(orgId: string, provider: string): Promise<ProviderKeyRotationRow[]> {
    return this.db
      .selectFrom("provider_key_rotations")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("provider", "=", provider)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
  }

  /** Rotations whose grace period has ended by `now` and that are not settled yet. */
  dueRotations(now: number): Promise<ProviderKeyRotationRow[]> {
    return this.db.selectFrom("provider_key_rotations").selectAll().where("status", "=", "in_grace").where("grace_period_ends", "<=", now).execute();
  }

  /**
   * Ends a rotation in grace. Completed: whatever key is active is retired and the new key
   * becomes active. Failed: the new key is marked failed and the active key stays.
   * False when the rotation was no longer in grace (someone else settled it).
   */
  async settleRotation(rotation: ProviderKeyRotationRow, outcome: "completed" | "failed", now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const won = await trx
        .updateTable("provider_key_rotations")
        .set({ status: outcome, settled_at: now })
        .where("id", "=", rotation.id)
        .where("status", "=", "in_grace")
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) === 0) return false;
      if (outcome === "completed") {
        await trx
          .updateTable("provider_keys")
          .set({ status: "retired", retired_at: now })
          .where("org_id", "=", rotation.org_id)
          .where("provider", "=", rotation.provider)
          .where("status", "=", "active")
          .execute();
        await trx.updateTable("provider_keys").set({ status: "active", activated_at: now }).where("id", "=", rotation.new_key_id).execute();
      } else {
        await trx.updateTable("provider_keys").set({ status: "failed", retired_at: now }).where("id", "=", rotation.new_key_id).execute();
      }
      return true;
    });
  }

  /** Records the new key's first success, if it is the new key of a rotation still in grace at `now`. */
  async markNewKeySucceeded(keyId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("provider_key_rotations")
      .set({ new_key_succeeded_at: now })
      .where("new_key_id", "=", keyId)
      .where("status", "=", "in_grace")
      .where("grace_period_ends", ">", now)
      .where("new_key_succeeded_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records the new key's first authentication failure, on the same terms. */
  async markNewKeyAuthFailed(keyId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("provider_key_rotations")
      .set({ new_key_first_auth_failure_at: now })
      .where("new_key_id", "=", keyId)
      .where("status", "=", "in_grace")
      .where("grace_period_ends", ">", now)
      .where("new_key_first_auth_failure_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async usable(): Promise<UsableProviderKeys> {
    const [keys, rotations] = await Promise.all([
      this.db.selectFrom("provider_keys").selectAll().where("status", "in", ["active", "pending"]).execute(),
      this.db.selectFrom("provider_key_rotations").selectAll().where("status", "=", "in_grace").execute(),
    ]);
    return { keys, rotations };
  }
}
