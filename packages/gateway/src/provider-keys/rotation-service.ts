import type { Logger } from "pino";
import { GatewayError, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import type { ProviderKeyRotationRow, ProviderKeyRow, Store } from "../store/index.js";
import { isUniqueViolation } from "../store/unique-violation.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";
import { keyHint } from "./key-hint.js";
import { configColumn, type ProviderKeyConfig } from "./provider-key-config.js";

export const DEFAULT_GRACE_MINUTES = 15;

export interface RotationServiceOptions {
  store: Store;
  cipher: CredentialCipher;
  log: Logger;
  /** Epoch ms; tests move it to end grace periods. */
  clock?: () => number;
  /** Runs after rotations changed state, so the hot path picks up the promoted or kept key (the snapshot's reload). */
  onSettled?: () => Promise<void>;
}

/**
 * An organisation's provider keys and their rotations: `in_grace` → `completed` (the new
 * key worked at least once during the grace period, and is promoted) or `failed` (it never
 * did; the old key stays active). Every read settles what is due first, and a periodic
 * sweep settles the rest, both through `settle()`.
 */
export class RotationService {
  readonly clock: () => number;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly options: RotationServiceOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Makes `apiKey` the organisation's active key for the provider, retiring the one before. 409 while a rotation is in grace. */
  async setActiveKey(orgId: string, provider: string, apiKey: string, config: ProviderKeyConfig | null): Promise<ProviderKeyRow> {
    const now = this.clock();
    await this.settle(now);
    await this.refuseDuringGrace(orgId, provider);
    const row = this.sealedKey(orgId, provider, apiKey, "active", configColumn(config), now);
    try {
      await this.options.store.providerKeys.replaceActive(row);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw conflict("provider_key_conflict", `Another key for ${provider} was set at the same moment; retry.`);
    }
    return row;
  }

  /** Starts a rotation to `newApiKey`: the new key enters as pending, tried first until the grace period ends. */
  async rotate(orgId: string, provider: string, newApiKey: string, graceMinutes = DEFAULT_GRACE_MINUTES): Promise<ProviderKeyRotationRow> {
    const now = this.clock();
    await this.settle(now);
    const { store, cipher } = this.options;
    const active = await store.providerKeys.activeKey(orgId, provider);
    if (!active) throw notFound(`There is no active ${provider} key to rotate; create one with POST …/providers/${provider}/keys.`, "provider_key_not_found");
    await this.refuseDuringGrace(orgId, provider);
    if (isSecretOf(cipher, active, newApiKey)) {
      throw new GatewayError(422, "invalid_request_error", "new_api_key: is the key that is already active", "validation_error", "new_api_key");
    }
    // The new key inherits the old one's config: both must reach the same endpoint during grace.
    const pending = this.sealedKey(orgId, provider, newApiKey, "pending", active.config, now);
    const rotation: ProviderKeyRotationRow = {
      id: newId("rot", now),
      org_id: orgId,
      provider,
      status: "in_grace",
      old_key_id: active.id,
      new_key_id: pending.id,
      created_at: now,
      grace_period_ends: now + graceMinutes * 60_000,
      new_key_succeeded_at: null,
      new_key_first_auth_failure_at: null,
      settled_at: null,
    };
    try {
      await store.providerKeys.startRotation(pending, rotation);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.refuseDuringGrace(orgId, provider);
      throw err;
    }
    return rotation;
  }

  async keys(orgId: string, provider: string): Promise<ProviderKeyRow[]> {
    await this.settle();
    return this.options.store.providerKeys.listKeys(orgId, provider);
  }

  async rotation(orgId: string, provider: string, id: string): Promise<ProviderKeyRotationRow> {
    await this.settle();
    const row = await this.options.store.providerKeys.getRotation(orgId, provider, id);
    if (!row) throw notFound(`Rotation "${id}" does not exist.`, "rotation_not_found");
    return row;
  }

  async rotations(orgId: string, provider: string): Promise<ProviderKeyRotationRow[]> {
    await this.settle();
    return this.options.store.providerKeys.listRotations(orgId, provider);
  }

  /** Settles every rotation whose grace period has ended by `now`; returns the ones this call settled. */
  async settle(now = this.clock()): Promise<ProviderKeyRotationRow[]> {
    const { store, onSettled, log } = this.options;
    const settled: ProviderKeyRotationRow[] = [];
    for (const rotation of await store.providerKeys.dueRotations(now)) {
      const worked = rotation.new_key_succeeded_at !== null && rotation.new_key_succeeded_at < rotation.grace_period_ends;
      const status = worked ? "completed" : "failed";
      if (!(await store.providerKeys.settleRotation(rotation, status, now))) continue;
      settled.push({ ...rotation, status, settled_at: now });
      log.info({ rotation: rotation.id, org: rotation.org_id, provider: rotation.provider, status }, worked ? "provider key rotation completed" : "provider key rotation failed: the new key never worked");
    }
    if (settled.length > 0) await onSettled?.();
    return settled;
  }

  /** Settles due rotations every `intervalMs` (the timer does not keep the process alive). */
  startSweep(intervalMs: number): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.settle()
        .catch((err: unknown) => this.options.log.warn({ err: (err as Error).message }, "provider key rotation sweep failed; retrying on the next tick"))
        .finally(() => (this.sweeping = null));
    }, intervalMs).unref();
  }

  /** Stops the sweep and waits for a run in progress. */
  async stopSweep(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.sweeping;
  }

  private async refuseDuringGrace(orgId: string, provider: string): Promise<void> {
    const inGrace = await this.options.store.providerKeys.rotationInGrace(orgId, provider);
    if (inGrace) {
      throw conflict("rotation_in_progress", `Rotation ${inGrace.id} of the ${provider} key is in its grace period until ${new Date(inGrace.grace_period_ends).toISOString()}.`, {
        rotation_id: inGrace.id,
      });
    }
  }

  private sealedKey(orgId: string, provider: string, secret: string, status: "active" | "pending", config: string | null, now: number): ProviderKeyRow {
    const id = newId("pkey", now);
    const sealed = this.options.cipher.seal(secret, id);
    return {
      id,
      org_id: orgId,
      provider,
      status,
      credential_ciphertext: sealed.ciphertext,
      credential_key_version: sealed.keyVersion,
      hint: keyHint(secret),
      config,
      created_at: now,
      activated_at: status === "active" ? now : null,
      retired_at: null,
    };
  }
}

/** Whether `secret` is the key's own; a key that no longer opens (lost master key) is what a rotation replaces. */
function isSecretOf(cipher: CredentialCipher, key: ProviderKeyRow, secret: string): boolean {
  try {
    return cipher.open({ ciphertext: key.credential_ciphertext, keyVersion: key.credential_key_version }, key.id) === secret;
  } catch {
    return false;
  }
}

function conflict(code: string, message: string, extra: Record<string, unknown> = {}): GatewayError {
  return new GatewayError(409, "conflict_error", message, code, null, {}, extra);
}
