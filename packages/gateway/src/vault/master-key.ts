import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from "node:fs";
import { join } from "node:path";

export interface MasterKey {
  /** Stored beside every ciphertext so a later key rotation knows which key sealed it. */
  version: string;
  key: Buffer;
}

const KEY_FILE = "master.key";

export function parseMasterKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) {
    throw new Error(`${source} must be the base64 of exactly 32 bytes (got ${key.length} bytes)`);
  }
  return key;
}

/**
 * The master key comes from IGRIS_MASTER_KEY, or from a key file in the data dir that
 * is generated on first start with mode 0600.
 */
export function loadMasterKey(fromEnv: string | undefined, dataDir: string): MasterKey {
  if (fromEnv) return { version: "env-v1", key: parseMasterKey(fromEnv, "IGRIS_MASTER_KEY") };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    writeFileSync(path, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) chmodSync(path, 0o600);
  return { version: "file-v1", key: parseMasterKey(readFileSync(path, "utf8"), path) };
}
