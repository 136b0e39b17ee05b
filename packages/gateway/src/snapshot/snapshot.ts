import type { Logger } from "pino";
import { bearerToken, hashApiKey } from "../keys/api-key.js";
import { ApiKeyIamSchema, compileIam, type IamRefusal } from "../keys/iam.js";
import { anyGlobMatcher } from "../lib/glob.js";
import { PolicySet } from "../policy/policy-set.js";
import { PolicyRulesSchema, type PolicyRule } from "../policy/rule-schema.js";
import { type ProviderCredential, ProviderCredentialSet, virtualKeyCredential } from "../provider-keys/index.js";
import { findProvider, type ProviderInfo } from "../providers/registry.js";
import { RouteTable } from "../routing/route-table.js";
import type { ApiKeyRow, OrganisationRow, PolicyRow, Store, VirtualKeyRow } from "../store/index.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";

export interface ActiveApiKey {
  id: string;
  orgId: string;
  role: "admin" | "gateway";
  /** The key's IAM rules, compiled: null when the call may go ahead. */
  iam: (provider: string, model: string) => IamRefusal | null;
  /** Lifetime spend cap in micro-USD, or null. */
  usageLimitMicroUsd: number | null;
  /** Epoch ms after which the key no longer works, or null. */
  expiresAt: number | null;
}

/** A virtual key ready for the hot path: credential opened, base URL resolved, allowlist compiled. */
export interface ResolvedVirtualKey {
  id: string;
  orgId: string;
  slug: string;
  provider: ProviderInfo;
  /** Plaintext credential: lives only in memory, never logged or returned. */
  credential: string;
  /**
   * The provider key `credential` is (the new key while a rotation is in grace, else the
   * active one) when the virtual key uses its organisation's provider key; null for its own credential.
   */
  credentialKeyId?: string | null;
  /** Tried when `credential` fails authentication (401/403): the rotation's old key during grace, else null. */
  fallbackCredential?: ProviderCredential | null;
  /** Where requests go, e.g. "https://api.openai.com/v1"; null when it cannot be resolved. */
  baseUrl: string | null;
  enabled: boolean;
  /** The response cache's TTL for this key's answers, or null. */
  cacheTtlSeconds?: number | null;
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
  private policySets = new Map<string, PolicySet>();
  private routeTable = RouteTable.empty();
  private virtualKeysByOrg = new Map<string, ResolvedVirtualKey[]>();
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

  /**
   * The key an `Authorization: Bearer …` header carries: `token` null when there is none,
   * `key` undefined when it is not an active, unexpired key (`expired` says which).
   */
  keyFromHeader(authorization: string | undefined, now = Date.now()): { token: string | null; key: ActiveApiKey | undefined; expired: boolean } {
    const token = bearerToken(authorization);
    const found = token === null ? undefined : this.apiKeys.get(hashApiKey(token));
    const expired = found !== undefined && found.expiresAt !== null && found.expiresAt <= now;
    return { token, key: expired ? undefined : found, expired };
  }

  virtualKey(orgId: string, slug: string): ResolvedVirtualKey | undefined {
    return this.virtualKeys.get(`${orgId}\u0000${slug}`);
  }

  /** Named routes and the routes attached to virtual keys. */
  get routes(): RouteTable {
    return this.routeTable;
  }

  /** An organisation's virtual keys, for automatic provider choice. */
  virtualKeysOf(orgId: string): readonly ResolvedVirtualKey[] {
    return this.virtualKeysByOrg.get(orgId) ?? [];
  }

  policies(orgId: string): PolicySet {
    return this.policySets.get(orgId) ?? PolicySet.empty();
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
          const [keys, vks, orgs, policies, routes, attachments, providerKeys] = await Promise.all([
            this.store.apiKeys.listActive(),
            this.store.virtualKeys.listAll(),
            this.store.listOrganisations(),
            this.store.policies.listAll(),
            this.store.routes.listAll(),
            this.store.routes.allAttachments(),
            this.store.providerKeys.usable(),
          ]);
          this.apiKeys = new Map(keys.map((k) => [k.key_hash, toActiveKey(k)]));
          const providerCredentials = ProviderCredentialSet.open(providerKeys, this.cipher, this.log);
          const resolved = vks.flatMap((vk) => this.resolve(vk, providerCredentials));
          this.virtualKeys = new Map(resolved.map((vk) => [`${vk.orgId}\u0000${vk.slug}`, vk]));
          const byOrg = new Map<string, ResolvedVirtualKey[]>();
          for (const vk of resolved) byOrg.set(vk.orgId, [...(byOrg.get(vk.orgId) ?? []), vk]);
          this.virtualKeysByOrg = byOrg;
          this.policySets = new Map(orgs.map((org) => [org.id, this.policySet(org, policies)]));
          this.routeTable = RouteTable.build(routes, attachments, (row, reason) => this.log.error({ org: row.org_id, route: row.name, reason }, "stored route is invalid; requests naming it will fail"));
        } while (this.reloadAgain);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private resolve(row: VirtualKeyRow, providerCredentials: ProviderCredentialSet): ResolvedVirtualKey[] {
    const provider = findProvider(row.provider);
    if (!provider) {
      this.log.warn({ virtualKey: row.slug, provider: row.provider }, "virtual key names an unknown provider; skipped");
      return [];
    }
    const opened = virtualKeyCredential(row, providerCredentials, this.cipher, this.log);
    if (!opened) return [];
    const models: string[] | null = row.models ? JSON.parse(row.models) : null;
    return [
      {
        id: row.id,
        orgId: row.org_id,
        slug: row.slug,
        provider,
        credential: opened.credential,
        credentialKeyId: opened.credentialKeyId,
        fallbackCredential: opened.fallbackCredential,
        baseUrl: this.baseUrlFor(provider, row.custom_base_url ?? opened.providerKeyBaseUrl),
        enabled: row.enabled === 1,
        cacheTtlSeconds: row.cache_ttl_seconds ?? null,
        allowsModel: models ? anyGlobMatcher(models) : () => true,
      },
    ];
  }

  private policySet(org: OrganisationRow, rows: PolicyRow[]): PolicySet {
    let orgRules: PolicyRule[] = [];
    const byVk = new Map<string, PolicyRule[]>();
    for (const row of rows) {
      if (row.org_id !== org.id) continue;
      const parsed = PolicyRulesSchema.safeParse(JSON.parse(row.rules));
      if (!parsed.success) {
        // Stored rules were validated on the way in; a row that no longer parses must not open the door.
        this.log.error({ org: org.id, virtualKey: row.virtual_key }, "stored policy rules are invalid; denying their scope");
        const denyAll: PolicyRule = { id: "invalid-stored-policy", target: { kind: "llm_model", model: "*" }, action: "deny" };
        if (row.virtual_key === "") orgRules = [denyAll];
        else byVk.set(row.virtual_key, [denyAll]);
        continue;
      }
      if (row.virtual_key === "") orgRules = parsed.data;
      else byVk.set(row.virtual_key, parsed.data);
    }
    const custom = org.custom_detectors ? (JSON.parse(org.custom_detectors) as Record<string, string>) : {};
    return new PolicySet(org.default_action, orgRules, byVk, custom, org.response_metadata !== 0);
  }
}

function toActiveKey(row: ApiKeyRow): ActiveApiKey {
  const iam = row.iam ? ApiKeyIamSchema.safeParse(JSON.parse(row.iam)) : null;
  return {
    id: row.id,
    orgId: row.org_id,
    role: row.role,
    // Rules that no longer parse refuse everything rather than nothing.
    iam: iam && !iam.success ? () => ({ rule: "iam.invalid", message: "This API key's IAM rules are invalid." }) : compileIam(iam?.data ?? null),
    usageLimitMicroUsd: row.usage_limit_micro_usd,
    expiresAt: row.expires_at,
  };
}
