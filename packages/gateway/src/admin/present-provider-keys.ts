import { storedConfig } from "../provider-keys/index.js";
import type { ProviderKeyRotationRow, ProviderKeyRow } from "../store/index.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape of a provider key: its hint, never the secret. */
export function presentProviderKey(row: ProviderKeyRow) {
  return {
    key_id: row.id,
    provider: row.provider,
    status: row.status,
    hint: row.hint,
    config: storedConfig(row),
    created_at: iso(row.created_at),
    activated_at: iso(row.activated_at),
    retired_at: iso(row.retired_at),
  };
}

export function presentRotation(row: ProviderKeyRotationRow) {
  return {
    rotation_id: row.id,
    provider: row.provider,
    status: row.status,
    old_key_id: row.old_key_id,
    new_key_id: row.new_key_id,
    created_at: iso(row.created_at),
    grace_period_ends: iso(row.grace_period_ends),
    new_key_succeeded_at: iso(row.new_key_succeeded_at),
    new_key_first_auth_failure_at: iso(row.new_key_first_auth_failure_at),
    settled_at: iso(row.settled_at),
  };
}
