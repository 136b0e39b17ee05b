import type { Store } from "../store/index.js";
import { generateApiKey, hashApiKey, newApiKeyRow } from "./api-key.js";

/**
 * Makes sure the organisation has an admin key. IGRIS_ADMIN_KEY is registered (hashed)
 * if it is new; without it, the first start generates one. Returns the plaintext only
 * when it was generated now, so it can be shown exactly once.
 */
export async function ensureAdminKey(store: Store, orgId: string, fromEnv: string | undefined): Promise<string | null> {
  if (fromEnv) {
    if (fromEnv.length < 16) throw new Error("IGRIS_ADMIN_KEY must be at least 16 characters long");
    const hash = hashApiKey(fromEnv);
    if (!(await store.apiKeys.findByHash(hash))) await insertAdminKey(store, orgId, fromEnv, "admin (IGRIS_ADMIN_KEY)");
    return null;
  }
  const keys = await store.apiKeys.list(orgId);
  if (keys.some((k) => k.role === "admin")) return null;
  const key = generateApiKey();
  await insertAdminKey(store, orgId, key, "admin (first start)");
  return key;
}

async function insertAdminKey(store: Store, orgId: string, key: string, name: string): Promise<void> {
  await store.apiKeys.insert(newApiKeyRow(orgId, name, "admin", key));
}
