import type { Logger } from "pino";
import { anyGlobMatcher } from "../lib/glob.js";
import { findProvider, type ProviderInfo } from "../providers/registry.js";
import type { ApiKeyRow, Store, VirtualKeyRow } from "../store/index.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";

export interface ActiveApiKey {
  id: string;
  orgId: string;
  role: "admin" | "gateway";
}

/** A virtual key ready for the hot path: credential opened, base URL resolved, allowlist compiled. */
export interface ResolvedVirtualKey {
  id: string;
  orgId: string;
  slug: string;
  provider: ProviderInfo;
  /** Plaintext credential: lives only in memory, never logged or returned. */
  credential: string;
  /** Where requests go, e.g. "https://api.openai.com/v1"; null when it cannot be resolved. */
  baseUrl: string | null;
  enabled: boolean;
  allowsModel: (model: string) => boolean;
}

/**
 * Everything the data plane needs per request, held in memory so that a request costs no
 * database round trip. Rebuilt whole after every change; readers always see one
 * consistent version.
 */
export class Snapshot {
  private apiKeys = new Map<string, ActiveApiKey>();
  private virtualKeys = new Map<string, ResolvedVirtualKey>();
  private loading: Promise<void> | null = null;
  private reloadAgain = false;

  constructor(
    private readonly store: Store,
    private readonly cipher: CredentialCipher,
    /** Base URLs the runtime supplies, e.g. the built-in demo upstream's address. */
    private readonly baseUrlOverrides: ReadonlyMap<string, string>,
    private readonly log: Logger,
  ) {}

  apiKeyByHash(hash: string): ActiveApiKey | undefined {
    return this.apiKeys.get(hash);
  }

  virtualKey(orgId: string, slug: string): ResolvedVirtualKey | undefined {
    return this.virtualKeys.get(`${orgId}\u0000${slug}`);
  }

  baseUrlFor(provider: ProviderInfo, customBaseUrl: string | null): string | null {
    return customBaseUrl ?? this.baseUrlOverrides.get(provider.slug) ?? provider.baseUrl;
  }

  /** Reloads from the store; concurrent calls coalesce so the last change always lands. */
  async reload(): Promise<void> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.reloadAgain = false;
          const [keys, vks] = await Promise.all([this.store.apiKeys.listActive(), this.store.virtualKeys.listAll()]);
          this.apiKeys = new Map(keys.map((k) => [k.key_hash, toActiveKey(k)]));
          this.virtualKeys = new Map(vks.flatMap((vk) => this.resolve(vk)).map((vk) => [`${vk.orgId}\u0000${vk.slug}`, vk]));
        } while (this.reloadAgain);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private resolve(row: VirtualKeyRow): ResolvedVirtualKey[] {
    const provider = findProvider(row.provider);
    if (!provider) {
      this.log.warn({ virtualKey: row.slug, provider: row.provider }, "virtual key names an unknown provider; skipped");
      return [];
    }
    let credential: string;
    try {
      credential = this.cipher.open({ ciphertext: row.credential_ciphertext, keyVersion: row.credential_key_version }, row.id);
    } catch {
      this.log.error({ virtualKey: row.slug }, "virtual key credential could not be decrypted (wrong master key?); skipped");
      return [];
    }
    const models: string[] | null = row.models ? JSON.parse(row.models) : null;
    return [
      {
        id: row.id,
        orgId: row.org_id,
        slug: row.slug,
        provider,
        credential,
        baseUrl: this.baseUrlFor(provider, row.custom_base_url),
        enabled: row.enabled === 1,
        allowsModel: models ? anyGlobMatcher(models) : () => true,
      },
    ];
  }
}

function toActiveKey(row: ApiKeyRow): ActiveApiKey {
  return { id: row.id, orgId: row.org_id, role: row.role };
}
