import { createHash, randomBytes } from "node:crypto";
import { newId } from "../lib/ids.js";
import type { ApiKeyRow } from "../store/index.js";

export const API_KEY_PREFIX = "igris_sk_";

/** A new gateway API key: the prefix and 32 characters of base62-ish randomness (190 bits). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString("base64url").replace(/[-_]/g, "x");
}

/** Keys carry enough entropy that a plain SHA-256 is the right stored form (no stretching needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function maskApiKey(key: string): string {
  const head = key.startsWith(API_KEY_PREFIX) ? API_KEY_PREFIX.length + 4 : Math.min(4, Math.floor(key.length / 4));
  return `${key.slice(0, head)}…${key.slice(-4)}`;
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The stored form of a new, active key: its hash and masked form, never the key. */
export function newApiKeyRow(orgId: string, name: string, role: ApiKeyRow["role"], key: string): ApiKeyRow {
  return {
    id: newId("key"),
    org_id: orgId,
    name,
    role,
    key_hash: hashApiKey(key),
    masked: maskApiKey(key),
    status: "active",
    created_at: Date.now(),
    revoked_at: null,
    iam: null,
    usage_limit_micro_usd: null,
    expires_at: null,
  };
}
