import { randomBytes } from "node:crypto";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { VirtualKeyRow } from "../store/index.js";
import { CredentialCipher } from "../vault/credential-cipher.js";
import { ProviderCredentialSet } from "./provider-credentials.js";
import { virtualKeyCredential } from "./virtual-key-credential.js";

const cipher = new CredentialCipher({ version: "test-v1", key: randomBytes(32) });
const log = pino({ level: "silent" });

function vk(usesProviderKey: boolean): VirtualKeyRow {
  const sealed = usesProviderKey ? { ciphertext: "", keyVersion: "" } : cipher.seal("sk-own", "vk_1");
  return { id: "vk_1", org_id: "org_a", slug: "prod", provider: "openai", credential_ciphertext: sealed.ciphertext, credential_key_version: sealed.keyVersion, custom_base_url: null, models: null, enabled: 1, created_at: 1, updated_at: 1, uses_provider_key: usesProviderKey ? 1 : 0 };
}

const providerKeys = ProviderCredentialSet.open(
  {
    keys: [
      { id: "pk_old", org_id: "org_a", provider: "openai", status: "active", ...sealed("sk-old", "pk_old"), hint: "…", config: JSON.stringify({ baseUrl: "https://proxy.example.com/v1" }), created_at: 1, activated_at: 1, retired_at: null },
      { id: "pk_new", org_id: "org_a", provider: "openai", status: "pending", ...sealed("sk-new", "pk_new"), hint: "…", config: null, created_at: 2, activated_at: null, retired_at: null },
    ],
    rotations: [{ id: "rot_1", org_id: "org_a", provider: "openai", status: "in_grace", old_key_id: "pk_old", new_key_id: "pk_new", created_at: 2, grace_period_ends: 3, new_key_succeeded_at: null, new_key_first_auth_failure_at: null, settled_at: null }],
  },
  cipher,
  log,
);

function sealed(secret: string, id: string) {
  const s = cipher.seal(secret, id);
  return { credential_ciphertext: s.ciphertext, credential_key_version: s.keyVersion };
}

describe("virtualKeyCredential", () => {
  it("opens a virtual key's own credential, with no provider key and no fallback", () => {
    expect(virtualKeyCredential(vk(false), providerKeys, cipher, log)).toEqual({ credential: "sk-own", credentialKeyId: null, fallbackCredential: null, providerKeyBaseUrl: null });
  });

  it("gives a virtual key that uses the provider key the new key first and the old as fallback", () => {
    expect(virtualKeyCredential(vk(true), providerKeys, cipher, log)).toEqual({
      credential: "sk-new",
      credentialKeyId: "pk_new",
      fallbackCredential: { keyId: "pk_old", secret: "sk-old" },
      providerKeyBaseUrl: "https://proxy.example.com/v1",
    });
  });

  it("leaves out a virtual key whose provider key is missing or whose own credential does not open", () => {
    expect(virtualKeyCredential(vk(true), ProviderCredentialSet.empty, cipher, log)).toBeNull();
    expect(virtualKeyCredential({ ...vk(false), id: "vk_other" }, providerKeys, cipher, log)).toBeNull();
  });
});
