/** A virtual key as the admin API returns it: never the credential. */
export interface VirtualKey {
  id: string;
  slug: string;
  provider: string;
  customBaseUrl: string | null;
  /** Allowed model globs (`gpt-4o*`); null allows any model. */
  models: string[] | null;
  enabled: boolean;
  /** Version of the master key that sealed the credential; null when the key uses its organisation's provider key. */
  credentialKeyVersion: string | null;
  /** The virtual key has no credential of its own and uses the organisation's provider key (rotations included). */
  usesProviderKey: boolean;
  /** Seconds the response cache keeps this key's answers; null when not cached. */
  cacheTtlSeconds: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface VirtualKeyCreate {
  /** `^[a-z0-9][a-z0-9_-]{1,63}$`, unique in the organisation. */
  slug: string;
  /** A provider slug from `llmProviders.list()`. */
  provider: string;
  /** The provider credential; stored encrypted, never returned. Omit it to use the organisation's provider key. */
  apiKey?: string;
  /** Required for providers without a public endpoint; http(s). */
  customBaseUrl?: string;
  models?: string[];
  enabled?: boolean;
  cacheTtlSeconds?: number;
}

/** Fields to change; `null` clears `customBaseUrl` or `models`. */
export interface VirtualKeyUpdate {
  provider?: string;
  /** `null` switches the virtual key to its organisation's provider key. */
  apiKey?: string | null;
  customBaseUrl?: string | null;
  models?: string[] | null;
  enabled?: boolean;
  /** `null` stops caching this key's answers. */
  cacheTtlSeconds?: number | null;
}

export type AuditOutcome = "success" | "denied" | "rejected" | "upstream_error" | "failed" | "aborted";

export interface AuditListQuery {
  /** 1–1000, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  virtualKey?: string;
  user?: string;
  /** The requested (`@slug/model`) or the upstream-reported model. */
  model?: string;
  /** An HTTP status (`429`) or an outcome. */
  status?: number | AuditOutcome;
  /** ISO 8601 time, epoch milliseconds or a Date; inclusive. */
  from?: string | number | Date;
  /** ISO 8601 time, epoch milliseconds or a Date; exclusive. */
  to?: string | number | Date;
}

export interface AuditRecord {
  id: string;
  createdAt: string;
  apiKeyId: string | null;
  virtualKey: string | null;
  provider: string | null;
  /** `chat.completions`, `embeddings`, `passthrough`, … */
  endpoint: string;
  requestedModel: string | null;
  upstreamModel: string | null;
  user: string | null;
  traceId: string | null;
  metadata: Record<string, string> | null;
  status: number;
  outcome: AuditOutcome;
  usage: { promptTokens: number | null; completionTokens: number | null; cachedTokens: number | null; cacheWriteTokens: number | null; reasoningTokens: number | null };
  /** Null when the model's price is unknown: never a made-up 0. */
  costMicroUsd: number | null;
  costUsd: string | null;
  latencyMs: number;
  ttftMs: number | null;
  streamed: boolean;
  error: { type: string | null; message: string | null } | null;
  policy: {
    /** Null for calls refused before policies were evaluated. */
    action: "allow" | "deny" | "alert" | (string & {}) | null;
    ruleId: string | null;
    alerts: string[];
    guardFindings: Record<string, number>;
  };
  /** Every upstream try, for calls through a route or the automatic provider choice; null otherwise. */
  attempts: Array<{ virtualKey: string; provider: string; model: string; status: number | null; error: string | null; latencyMs: number }> | null;
  /** Set when the response cache answered (`hit`, with what it saved) or an idempotent replay did. */
  cache: { status: "hit" | "miss" | "bypass" | "idempotent_replay" | (string & {}); savedMicroUsd: number | null } | null;
  /** Only for calls decided by a rule with `logContent`. */
  content?: { prompt: unknown; completion: string | null };
}

export interface AuditPage {
  data: AuditRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
