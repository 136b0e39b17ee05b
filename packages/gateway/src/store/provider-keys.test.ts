import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../testing/postgres.js";
import { type ProviderKeyRotationRow, type ProviderKeyRow, Store } from "./index.js";
import { isUniqueViolation } from "./unique-violation.js";

const dialects = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-pkeys-"));
      return { store: await Store.open({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres",
    async open() {
      const scratch = await createScratchDatabase();
      return { store: await Store.open({ databaseUrl: scratch.url, dataDir: "/nonexistent" }), cleanup: () => scratch.drop() };
    },
  },
];

function key(id: string, org: string, status: ProviderKeyRow["status"], createdAt: number, provider = "openai"): ProviderKeyRow {
  return {
    id,
    org_id: org,
    provider,
    status,
    credential_ciphertext: "sealed",
    credential_key_version: "v1",
    hint: "…abcd",
    config: null,
    created_at: createdAt,
    activated_at: status === "active" ? createdAt : null,
    retired_at: null,
  };
}

function rotation(id: string, org: string, oldKey: string, newKey: string, createdAt: number, graceEnds: number): ProviderKeyRotationRow {
  return {
    id,
    org_id: org,
    provider: "openai",
    status: "in_grace",
    old_key_id: oldKey,
    new_key_id: newKey,
    created_at: createdAt,
    grace_period_ends: graceEnds,
    new_key_succeeded_at: null,
    new_key_first_auth_failure_at: null,
    settled_at: null,
  };
}

describe.each(dialects)("provider keys on $name", ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let n = 0;
  /** Each test gets an organisation of its own. */
  async function org(): Promise<string> {
    const id = `org_pk_${++n}`;
    await store.ensureOrganisation(id, id, 1);
    return id;
  }

  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it("replaces the active key, retiring the one before", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_a", o, "active", 100));
    await store.providerKeys.replaceActive(key("pk_b", o, "active", 200));
    expect((await store.providerKeys.activeKey(o, "openai"))?.id).toBe("pk_b");
    const listed = await store.providerKeys.listKeys(o, "openai");
    expect(listed.map((k) => [k.id, k.status, k.retired_at])).toEqual([
      ["pk_b", "active", null],
      ["pk_a", "retired", 200],
    ]);
    expect(await store.providerKeys.activeKey(o, "anthropic")).toBeUndefined();
  });

  it("refuses a second active key for the same organisation and provider", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_c", o, "active", 100));
    const err = await store.connection.db.insertInto("provider_keys").values(key("pk_d", o, "active", 101)).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    // Another provider, or a key that is not active, is fine.
    await store.providerKeys.replaceActive(key("pk_e", o, "active", 102, "groq"));
    await store.connection.db.insertInto("provider_keys").values(key("pk_f", o, "retired", 103)).execute();
  });

  it("allows one rotation in grace per organisation and provider", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_g", o, "active", 100));
    await store.providerKeys.startRotation(key("pk_h", o, "pending", 200), rotation("rot_1", o, "pk_g", "pk_h", 200, 1200));
    const err = await store.providerKeys.startRotation(key("pk_i", o, "pending", 300), rotation("rot_2", o, "pk_g", "pk_i", 300, 1300)).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    // The pending key of the refused rotation was not kept either.
    expect((await store.providerKeys.listKeys(o, "openai")).map((k) => k.id)).toEqual(["pk_h", "pk_g"]);
    expect((await store.providerKeys.rotationInGrace(o, "openai"))?.id).toBe("rot_1");
    expect(await store.providerKeys.getRotation(o, "groq", "rot_1")).toBeUndefined();
  });

  it("records the new key's first success and first auth failure only during grace", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_j", o, "active", 100));
    await store.providerKeys.startRotation(key("pk_k", o, "pending", 200), rotation("rot_3", o, "pk_j", "pk_k", 200, 1200));
    expect(await store.providerKeys.markNewKeySucceeded("pk_j", 300)).toBe(false);
    expect(await store.providerKeys.markNewKeySucceeded("pk_k", 1200)).toBe(false);
    expect(await store.providerKeys.markNewKeyAuthFailed("pk_k", 250)).toBe(true);
    expect(await store.providerKeys.markNewKeyAuthFailed("pk_k", 260)).toBe(false);
    expect(await store.providerKeys.markNewKeySucceeded("pk_k", 400)).toBe(true);
    expect(await store.providerKeys.markNewKeySucceeded("pk_k", 500)).toBe(false);
    expect(await store.providerKeys.getRotation(o, "openai", "rot_3")).toMatchObject({ new_key_succeeded_at: 400, new_key_first_auth_failure_at: 250 });
  });

  it("settles a due rotation once: completed promotes the new key, failed keeps the old", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_l", o, "active", 100));
    const done = rotation("rot_4", o, "pk_l", "pk_m", 200, 1200);
    await store.providerKeys.startRotation(key("pk_m", o, "pending", 200), done);
    expect((await store.providerKeys.dueRotations(1199)).some((r) => r.id === "rot_4")).toBe(false);
    expect((await store.providerKeys.dueRotations(1200)).some((r) => r.id === "rot_4")).toBe(true);
    expect(await store.providerKeys.settleRotation(done, "completed", 1300)).toBe(true);
    expect(await store.providerKeys.settleRotation(done, "failed", 1301)).toBe(false);
    expect((await store.providerKeys.listKeys(o, "openai")).map((k) => [k.id, k.status, k.activated_at, k.retired_at])).toEqual([
      ["pk_m", "active", 1300, null],
      ["pk_l", "retired", 100, 1300],
    ]);

    const failed = rotation("rot_5", o, "pk_m", "pk_n", 1400, 2400);
    await store.providerKeys.startRotation(key("pk_n", o, "pending", 1400), failed);
    expect(await store.providerKeys.settleRotation(failed, "failed", 2500)).toBe(true);
    expect((await store.providerKeys.activeKey(o, "openai"))?.id).toBe("pk_m");
    expect((await store.providerKeys.listKeys(o, "openai"))[0]).toMatchObject({ id: "pk_n", status: "failed", retired_at: 2500 });
    expect((await store.providerKeys.listRotations(o, "openai")).map((r) => [r.id, r.status, r.settled_at])).toEqual([
      ["rot_5", "failed", 2500],
      ["rot_4", "completed", 1300],
    ]);
  });

  it("lists the usable keys and the rotations in grace for the snapshot", async () => {
    const o = await org();
    await store.providerKeys.replaceActive(key("pk_o", o, "active", 100));
    await store.providerKeys.startRotation(key("pk_p", o, "pending", 200), rotation("rot_6", o, "pk_o", "pk_p", 200, 1200));
    const usable = await store.providerKeys.usable();
    const mine = usable.keys.filter((k) => k.org_id === o).map((k) => k.id).sort();
    expect(mine).toEqual(["pk_o", "pk_p"]);
    expect(usable.rotations.filter((r) => r.org_id === o).map((r) => r.id)).toEqual(["rot_6"]);
    expect(usable.keys.every((k) => k.status === "active" || k.status === "pending")).toBe(true);
  });

  it("keeps virtual keys made without the flag on their own credential", async () => {
    const o = await org();
    await store.virtualKeys.insert({ id: `vk_${o}`, org_id: o, slug: "own", provider: "openai", credential_ciphertext: "c", credential_key_version: "v1", custom_base_url: null, models: null, enabled: 1, created_at: 1, updated_at: 1 });
    expect((await store.virtualKeys.get(o, "own"))?.uses_provider_key).toBe(0);
  });
});
