import type { Generated, Insertable, Selectable } from "kysely";

/** The one database shape, shared by the SQLite and PostgreSQL dialects. Times are epoch ms. */
export interface Database {
  organisations: OrganisationTable;
  api_keys: ApiKeyTable;
  virtual_keys: VirtualKeyTable;
  audit_records: AuditRecordTable;
  policies: PolicyTable;
  audit_contents: AuditContentTable;
  audit_chains: AuditChainTable;
  routes: RouteTable;
  route_attachments: RouteAttachmentTable;
  provider_keys: ProviderKeyTable;
  provider_key_rotations: ProviderKeyRotationTable;
}

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: number;
  /** What happens when no policy rule matches: "allow" or "deny". */
  default_action: "allow" | "deny";
  /** JSON object of custom detector name → regex source. */
  custom_detectors: string | null;
  /** 1: non-streaming chat answers carry a `metadata` object with provider and cost. */
  response_metadata: number;
}

export interface ApiKeyTable {
  id: string;
  org_id: string;
  name: string;
  /** "admin" keys may use the admin API and the data plane; "gateway" keys only the data plane. */
  role: "admin" | "gateway";
  /** SHA-256 of the whole key, hex: the key itself is never stored. */
  key_hash: string;
  /** Enough of the key for a person to recognise it: prefix…last four. */
  masked: string;
  status: "active" | "revoked";
  created_at: number;
  revoked_at: number | null;
  /** JSON of the key's IAM rules (allow/deny models and providers, pricing). */
  iam: string | null;
  /** Lifetime spend cap in micro-USD. */
  usage_limit_micro_usd: number | null;
  expires_at: number | null;
}

export interface VirtualKeyTable {
  id: string;
  org_id: string;
  slug: string;
  provider: string;
  /** Empty when uses_provider_key is 1: the organisation's provider key is the credential. */
  credential_ciphertext: string;
  credential_key_version: string;
  custom_base_url: string | null;
  /** JSON array of allowed model globs, or null for any model. */
  models: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
  /** 1: requests use the organisation's provider key for this provider (rotated centrally). */
  uses_provider_key: Generated<number>;
  /** Seconds the response cache keeps this key's answers; null: not cached (unless a route with a cache is attached). */
  cache_ttl_seconds: Generated<number | null>;
}

export interface AuditRecordTable {
  id: string;
  org_id: string;
  created_at: number;
  api_key_id: string | null;
  virtual_key: string | null;
  provider: string | null;
  endpoint: string;
  requested_model: string | null;
  upstream_model: string | null;
  user_id: string | null;
  trace_id: string | null;
  /** JSON object of X-Igris-Metadata-* values. */
  metadata: string | null;
  status_code: number;
  outcome: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
  /** Integer micro-USD; null when the price is unknown (never a made-up 0). */
  cost_micro_usd: number | null;
  latency_ms: number;
  ttft_ms: number | null;
  streamed: number;
  error_type: string | null;
  error_message: string | null;
  /** "allow" | "deny" | null when no policy was evaluated (e.g. a bad key). */
  policy_action: string | null;
  policy_rule_id: string | null;
  /** JSON array of alert rule ids. */
  policy_alerts: string | null;
  /** JSON object: detector name → number of findings (never the matched text). */
  guard_findings: string | null;
  cache_write_tokens: number | null;
  input_cost_micro_usd: number | null;
  output_cost_micro_usd: number | null;
  /** SHA-256 of the logged prompt and completion, when a rule kept them, so they are chained too. */
  content_hash: string | null;
  /** The writer instance's hash chain this record belongs to, its place in it, and the links. */
  chain_id: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  /** JSON array of the upstream attempts when a call tried more than once (retries, fallbacks). */
  attempts: string | null;
  /** "hit" when the response cache answered; null otherwise. */
  cache_status: string | null;
  /** What a cache hit saved: the original call's cost, micro-USD. */
  cost_saved_micro_usd: number | null;
}

/** The last link of each writer's chain, kept with every batch, so a cut-off tail shows. */
export interface AuditChainTable {
  chain_id: string;
  head_seq: number;
  head_hash: string;
  created_at: number;
  updated_at: number;
}

/** One ordered rule list per organisation ("" as virtual_key) and per virtual key slug. */
export interface PolicyTable {
  org_id: string;
  virtual_key: string;
  /** JSON array of PolicyRule. */
  rules: string;
  updated_at: number;
}

/** Prompt and completion, kept only for calls a matching rule marks logContent. */
export interface AuditContentTable {
  record_id: string;
  org_id: string;
  prompt: string | null;
  completion: string | null;
}

/** A named route (`@route:<name>`): its definition is the JSON of a Route without the name. */
export interface RouteTable {
  id: string;
  org_id: string;
  name: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

/** Requests through this virtual key follow this route. */
export interface RouteAttachmentTable {
  org_id: string;
  virtual_key: string;
  route_name: string;
  updated_at: number;
}

/** An organisation's credential for a provider, sealed with its own id as associated data. */
export interface ProviderKeyTable {
  id: string;
  org_id: string;
  provider: string;
  /** active: in use; pending: the new key of a rotation in grace; retired: replaced; failed: a rotation that never worked. */
  status: "active" | "pending" | "retired" | "failed";
  credential_ciphertext: string;
  credential_key_version: string;
  /** The last characters of the secret, e.g. "…abcd", so a person can tell keys apart. */
  hint: string;
  /** JSON of the key's ProviderKeyConfig, or null. */
  config: string | null;
  created_at: number;
  activated_at: number | null;
  retired_at: number | null;
}

/** A move from one provider key to the next, with a grace period in which both are tried. */
export interface ProviderKeyRotationTable {
  id: string;
  org_id: string;
  provider: string;
  status: "in_grace" | "completed" | "failed";
  old_key_id: string;
  new_key_id: string;
  created_at: number;
  grace_period_ends: number;
  /** First time an upstream accepted the new key during the grace period. */
  new_key_succeeded_at: number | null;
  /** First time an upstream refused the new key (401/403) during the grace period. */
  new_key_first_auth_failure_at: number | null;
  settled_at: number | null;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type VirtualKeyRow = Selectable<VirtualKeyTable>;
export type AuditRow = Selectable<AuditRecordTable>;
export type NewAuditRow = Insertable<AuditRecordTable>;
export type PolicyRow = Selectable<PolicyTable>;
export type AuditContentRow = Selectable<AuditContentTable>;
export type AuditChainRow = Selectable<AuditChainTable>;
export type RouteRow = Selectable<RouteTable>;
export type RouteAttachmentRow = Selectable<RouteAttachmentTable>;
export type NewVirtualKeyRow = Insertable<VirtualKeyTable>;
export type ProviderKeyRow = Selectable<ProviderKeyTable>;
export type ProviderKeyRotationRow = Selectable<ProviderKeyRotationTable>;
