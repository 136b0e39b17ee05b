import type { Logger } from "pino";
import type { VirtualKeyRow } from "../store/index.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";
import type { ProviderCredential, ProviderCredentialSet } from "./provider-credentials.js";

/** The credentials a virtual key sends upstream, opened. */
export interface VirtualKeyCredential {
  /** Tried first. */
  credential: string;
  /** The provider key `credential` came from; null for the virtual key's own credential. */
  credentialKeyId: string | null;
  /** Tried when `credential` fails authentication (a rotation's old key during grace), else null. */
  fallbackCredential: ProviderCredential | null;
  /** The provider key's configured base URL (under the virtual key's own customBaseUrl), or null. */
  providerKeyBaseUrl: string | null;
}

/**
 * A virtual key's own sealed credential, or its organisation's provider key for its provider.
 * Null (and logged, without the secret) when neither can be had: the key is then left out of the snapshot.
 */
export function virtualKeyCredential(row: VirtualKeyRow, providerKeys: ProviderCredentialSet, cipher: CredentialCipher, log: Logger): VirtualKeyCredential | null {
  if (row.uses_provider_key === 1) {
    const found = providerKeys.get(row.org_id, row.provider);
    if (!found) {
      log.error({ virtualKey: row.slug, provider: row.provider }, "virtual key uses the organisation's provider key, which is missing or cannot be opened; skipped");
      return null;
    }
    return { credential: found.primary.secret, credentialKeyId: found.primary.keyId, fallbackCredential: found.fallback, providerKeyBaseUrl: found.baseUrl };
  }
  try {
    const credential = cipher.open({ ciphertext: row.credential_ciphertext, keyVersion: row.credential_key_version }, row.id);
    return { credential, credentialKeyId: null, fallbackCredential: null, providerKeyBaseUrl: null };
  } catch {
    log.error({ virtualKey: row.slug }, "virtual key credential could not be decrypted (wrong master key?); skipped");
    return null;
  }
}
