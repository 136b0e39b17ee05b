import { newId } from "../lib/ids.js";
import type { Store } from "../store/index.js";
import type { CredentialCipher } from "./credential-cipher.js";

export const DEMO_SLUG = "demo";

/** The `demo` virtual key created on first start, so `@demo/<any model>` answers with no network. */
export async function ensureDemoVirtualKey(store: Store, cipher: CredentialCipher, orgId: string): Promise<void> {
  if (await store.virtualKeys.get(orgId, DEMO_SLUG)) return;
  const id = newId("vk");
  // The demo upstream accepts any credential; this one only proves the vault path end to end.
  const sealed = cipher.seal("demo-credential-not-secret", id);
  const now = Date.now();
  await store.virtualKeys.insert({
    id,
    org_id: orgId,
    slug: DEMO_SLUG,
    provider: "demo",
    credential_ciphertext: sealed.ciphertext,
    credential_key_version: sealed.keyVersion,
    custom_base_url: null,
    models: null,
    enabled: 1,
    created_at: now,
    updated_at: now,
  });
}
