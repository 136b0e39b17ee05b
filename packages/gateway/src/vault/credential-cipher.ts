import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { MasterKey } from "./master-key.js";

export interface SealedCredential {
  /** base64 of iv(12) | tag(16) | ciphertext */
  ciphertext: string;
  keyVersion: string;
}

/**
 * AES-256-GCM with the owning record's id as associated data, so a ciphertext copied
 * onto another record fails to open instead of silently lending its secret.
 */
export class CredentialCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly current: MasterKey, older: MasterKey[] = []) {
    for (const k of [current, ...older]) this.keys.set(k.version, k.key);
  }

  seal(plaintext: string, recordId: string): SealedCredential {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv);
    cipher.setAAD(Buffer.from(recordId, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return { ciphertext: Buffer.concat([iv, tag, body]).toString("base64"), keyVersion: this.current.version };
  }

  open(sealed: SealedCredential, recordId: string): string {
    const key = this.keys.get(sealed.keyVersion);
    if (!key) throw new Error(`no master key with version ${sealed.keyVersion}`);
    const raw = Buffer.from(sealed.ciphertext, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(recordId, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  }
}
