import type { Logger } from "pino";
import type { ProviderKeyRow, UsableProviderKeys } from "../store/index.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";
import { storedConfig } from "./provider-key-config.js";

/** One opened provider key. The secret lives only in memory: never logged or returned. */
export interface ProviderCredential {
  keyId: string;
  secret: string;
}

/** What a virtual key that uses its organisation's provider key sends upstream. */
export interface ProviderKeyCredentials {
  /** Tried first: the new key while a rotation is in grace, else the active key. */
  primary: ProviderCredential;
  /** Tried when `primary` fails authentication: the active (old) key while a rotation is in grace, else null. */
  fallback: ProviderCredential | null;
  /** The provider key's configured base URL, or null. */
  baseUrl: string | null;
}

/** Organisation and provider → the credentials to use, rebuilt with the snapshot. */
export class ProviderCredentialSet {
  static readonly empty = new ProviderCredentialSet(new Map());

  private constructor(private readonly byPair: ReadonlyMap<string, ProviderKeyCredentials>) {}

  get(orgId: string, provider: string): ProviderKeyCredentials | undefined {
    return this.byPair.get(pairOf(orgId, provider));
  }

  /** Opens every usable key once. A key that cannot be opened is logged (by id) and left out. */
  static open(usable: UsableProviderKeys, cipher: CredentialCipher, log: Logger): ProviderCredentialSet {
    const opened = new Map<string, ProviderCredential>();
    const active = new Map<string, ProviderKeyRow>();
    const byId = new Map<string, ProviderKeyRow>();
    for (const row of usable.keys) {
      byId.set(row.id, row);
      const credential = openKey(row, cipher, log);
      if (!credential) continue;
      opened.set(row.id, credential);
      if (row.status === "active") active.set(pairOf(row.org_id, row.provider), row);
    }
    // Only a pending key whose rotation is in grace is tried; the key list and the rotation
    // list may straddle a settlement, so the key's own status must agree too.
    const pending = new Map<string, ProviderKeyRow>();
    for (const rotation of usable.rotations) {
      const key = byId.get(rotation.new_key_id);
      if (key?.status === "pending" && opened.has(key.id)) pending.set(pairOf(rotation.org_id, rotation.provider), key);
    }
    const byPair = new Map<string, ProviderKeyCredentials>();
    for (const pair of new Set([...active.keys(), ...pending.keys()])) {
      const current = active.get(pair);
      const next = pending.get(pair);
      const primary = (next ?? current) as ProviderKeyRow;
      const config = storedConfig(current ?? primary);
      if (config === null && (current ?? primary).config !== null) {
        log.error({ providerKey: (current ?? primary).id }, "stored provider key config is invalid; using the provider's default endpoint");
      }
      byPair.set(pair, {
        primary: opened.get(primary.id) as ProviderCredential,
        fallback: next && current ? (opened.get(current.id) as ProviderCredential) : null,
        baseUrl: config?.baseUrl ?? null,
      });
    }
    return new ProviderCredentialSet(byPair);
  }
}

function pairOf(orgId: string, provider: string): string {
  return `${orgId}\u0000${provider}`;
}

function openKey(row: ProviderKeyRow, cipher: CredentialCipher, log: Logger): ProviderCredential | null {
  try {
    return { keyId: row.id, secret: cipher.open({ ciphertext: row.credential_ciphertext, keyVersion: row.credential_key_version }, row.id) };
  } catch {
    log.error({ providerKey: row.id, provider: row.provider }, "provider key could not be decrypted (wrong master key?); skipped");
    return null;
  }
}
