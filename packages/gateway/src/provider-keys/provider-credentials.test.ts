import { randomBytes } from "node:crypto";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ProviderKeyRotationRow, ProviderKeyRow } from "../store/index.js";
import { CredentialCipher } from "../vault/credential-cipher.js";
import { ProviderCredentialSet } from "./provider-credentials.js";

const cipher = new CredentialCipher({ version: "test-v1", key: randomBytes(32) });
const log = pino({ level: "silent" });

function key(id: string, status: ProviderKeyRow["status"], secret: string, config: string | null = null, org = "org_a"): ProviderKeyRow {
  const sealed = cipher.seal(secret, id);
  return { id, org_id: org, provider: "openai", status, credential_ciphertext: sealed.ciphertext, credential_key_version: sealed.keyVersion, hint: "…", config, created_at: 1, activated_at: null, retired_at: null };
}

function inGrace(oldKey: string, newKey: string, org = "org_a"): ProviderKeyRotationRow {
  return { id: `rot_${newKey}`, org_id: org, provider: "openai", status: "in_grace", old_key_id: oldKey, new_key_id: newKey, created_at: 1, grace_period_ends: 2, new_key_succeeded_at: null, new_key_first_auth_failure_at: null, settled_at: null };
}

describe("ProviderCredentialSet", () => {
  it("uses the active key alone when no rotation is in grace", () => {
    const set = ProviderCredentialSet.open({ keys: [key("pk_old", "active", "sk-old", JSON.stringify({ baseUrl: "https://eu.example.com/v1" }))], rotations: [] }, cipher, log);
    expect(set.get("org_a", "openai")).toEqual({ primary: { keyId: "pk_old", secret: "sk-old" }, fallback: null, baseUrl: "https://eu.example.com/v1" });
    expect(set.get("org_a", "groq")).toBeUndefined();
    expect(set.get("org_b", "openai")).toBeUndefined();
  });

  it("tries the new key first and the old one as fallback during grace", () => {
    const set = ProviderCredentialSet.open({ keys: [key("pk_old", "active", "sk-old"), key("pk_new", "pending", "sk-new")], rotations: [inGrace("pk_old", "pk_new")] }, cipher, log);
    expect(set.get("org_a", "openai")).toEqual({ primary: { keyId: "pk_new", secret: "sk-new" }, fallback: { keyId: "pk_old", secret: "sk-old" }, baseUrl: null });
  });

  it("ignores a pending key without a rotation in grace, and a rotation whose new key is already settled", () => {
    const orphan = ProviderCredentialSet.open({ keys: [key("pk_old", "active", "sk-old"), key("pk_new", "pending", "sk-new")], rotations: [] }, cipher, log);
    expect(orphan.get("org_a", "openai")?.primary.keyId).toBe("pk_old");
    // Read across a settlement: the rotation still says in grace, the keys already show the promotion.
    const straddled = ProviderCredentialSet.open({ keys: [key("pk_new", "active", "sk-new")], rotations: [inGrace("pk_old", "pk_new")] }, cipher, log);
    expect(straddled.get("org_a", "openai")).toEqual({ primary: { keyId: "pk_new", secret: "sk-new" }, fallback: null, baseUrl: null });
  });

  it("leaves out a key that cannot be opened, logging its id but not its secret", () => {
    const lines: string[] = [];
    const spy = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    const broken = { ...key("pk_new", "pending", "sk-new-secret-value"), credential_ciphertext: key("pk_other", "pending", "sk-new-secret-value").credential_ciphertext };
    const set = ProviderCredentialSet.open({ keys: [key("pk_old", "active", "sk-old"), broken], rotations: [inGrace("pk_old", "pk_new")] }, cipher, spy);
    expect(set.get("org_a", "openai")).toEqual({ primary: { keyId: "pk_old", secret: "sk-old" }, fallback: null, baseUrl: null });
    expect(lines.join("")).toContain("pk_new");
    expect(lines.join("")).not.toContain("sk-new");
  });
});
