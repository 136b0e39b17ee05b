import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadMasterKey } from "./master-key.js";

describe("the master key", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), "igris-mk-"));
    dirs.push(d);
    return join(d, "data");
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is generated once into the data dir with mode 0600 and reused", () => {
    const dir = tempDir();
    const first = loadMasterKey(undefined, dir);
    expect(first.key).toHaveLength(32);
    expect(statSync(join(dir, "master.key")).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(undefined, dir).key.equals(first.key)).toBe(true);
  });

  it("tightens a key file that others can read", () => {
    const dir = tempDir();
    loadMasterKey(undefined, dir);
    chmodSync(join(dir, "master.key"), 0o644);
    loadMasterKey(undefined, dir);
    expect(statSync(join(dir, "master.key")).mode & 0o777).toBe(0o600);
  });

  it("comes from IGRIS_MASTER_KEY when set, and must be 32 bytes", () => {
    const raw = randomBytes(32);
    expect(loadMasterKey(raw.toString("base64"), tempDir()).key.equals(raw)).toBe(true);
    expect(() => loadMasterKey(randomBytes(16).toString("base64"), tempDir())).toThrow(/32 bytes/);
  });
});
