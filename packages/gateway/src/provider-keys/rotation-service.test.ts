import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GatewayError } from "../lib/errors.js";
import { createScratchDatabase } from "../testing/postgres.js";
import { Store } from "../store/index.js";
import { CredentialCipher } from "../vault/credential-cipher.js";
import { RotationService } from "./rotation-service.js";
import { RotationTracker } from "./rotation-tracker.js";

const dialects = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-rotation-"));
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

const MINUTE = 60_000;
const OLD = "sk-old-0123456789-oldkey";
const NEW = "sk-new-0123456789-newkey";

async function refusal(p: Promise<unknown>): Promise<GatewayError> {
  return (await p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (err: unknown) => err,
  )) as GatewayError;
}

describe.each(dialects)("key rotation on $name", ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const cipher = new CredentialCipher({ version: "test-v1", key: randomBytes(32) });
  const log = pino({ level: "silent" });
  let now = 1_900_000_000_000;
  const clock = () => now;
  const onSettled = vi.fn(async () => {});
  let service: RotationService;
  let tracker: RotationTracker;
  let n = 0;

  async function org(): Promise<string> {
    const id = `org_rot_${++n}`;
    await store.ensureOrganisation(id, id, 1);
    return id;
  }

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    service = new RotationService({ store, cipher, log, clock, onSettled });
    tracker = new RotationTracker(store, clock, log);
  });

  afterAll(async () => {
    await service?.stopSweep();
    await store?.close();
    await cleanup?.();
  });

  it("promotes the new key when it worked during grace", async () => {
    const o = await org();
    const old = await service.setActiveKey(o, "openai", OLD, { baseUrl: "https://eu.example.com/v1" });
    now += 1000;
    expect(old).toMatchObject({ status: "active", hint: "…dkey", activated_at: now - 1000 });
    const rotation = await service.rotate(o, "openai", NEW);
    expect(rotation).toMatchObject({ status: "in_grace", old_key_id: old.id, grace_period_ends: now + 15 * MINUTE });
    const [pending] = await service.keys(o, "openai");
    // The new key inherits the old key's config and starts pending.
    expect(pending).toMatchObject({ id: rotation.new_key_id, status: "pending", config: old.config, activated_at: null });

    now += 5 * MINUTE;
    await tracker.recordSuccess(rotation.new_key_id);
    now += 10 * MINUTE - 1;
    expect((await service.rotation(o, "openai", rotation.id)).status).toBe("in_grace");

    now += 1;
    onSettled.mockClear();
    const read = await service.rotation(o, "openai", rotation.id);
    expect(read).toMatchObject({ status: "completed", settled_at: now, new_key_succeeded_at: now - 10 * MINUTE });
    expect(onSettled).toHaveBeenCalledTimes(1);
    expect((await service.keys(o, "openai")).map((k) => [k.id, k.status])).toEqual([
      [rotation.new_key_id, "active"],
      [old.id, "retired"],
    ]);
  });

  it("fails the rotation and keeps the old key when the new one never worked", async () => {
    const o = await org();
    const old = await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const rotation = await service.rotate(o, "openai", NEW, 1);
    await tracker.recordAuthFailure(rotation.new_key_id);
    await tracker.recordSuccess(old.id);
    now += MINUTE;
    const settled = await service.settle();
    expect(settled.filter((r) => r.org_id === o).map((r) => r.status)).toEqual(["failed"]);
    expect(await service.rotation(o, "openai", rotation.id)).toMatchObject({ status: "failed", new_key_succeeded_at: null, new_key_first_auth_failure_at: now - MINUTE });
    expect((await service.keys(o, "openai")).map((k) => [k.id, k.status])).toEqual([
      [rotation.new_key_id, "failed"],
      [old.id, "active"],
    ]);
  });

  it("does not count a success that arrives after the grace period", async () => {
    const o = await org();
    await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const rotation = await service.rotate(o, "openai", NEW, 2);
    now += 2 * MINUTE;
    await tracker.recordSuccess(rotation.new_key_id);
    expect((await service.rotation(o, "openai", rotation.id)).status).toBe("failed");
  });

  it("refuses a second rotation, or a new active key, while one is in grace", async () => {
    const o = await org();
    await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const rotation = await service.rotate(o, "openai", NEW);
    const again = await refusal(service.rotate(o, "openai", "sk-third-0123456789"));
    expect(again).toMatchObject({ status: 409, code: "rotation_in_progress", extra: { rotation_id: rotation.id } });
    expect(await refusal(service.setActiveKey(o, "openai", "sk-third-0123456789", null))).toMatchObject({ status: 409, code: "rotation_in_progress" });
    // Another provider of the same organisation is independent.
    await service.setActiveKey(o, "groq", OLD, null);
    now += 1000;
    await service.rotate(o, "groq", NEW);

    // Once the grace period is over, the next rotation settles the last one first.
    now += 15 * MINUTE;
    const next = await service.rotate(o, "openai", "sk-third-0123456789");
    expect(next.status).toBe("in_grace");
    expect((await service.rotation(o, "openai", rotation.id)).status).toBe("failed");
  });

  it("answers 404 without an active key and 422 for the key that is already active", async () => {
    const o = await org();
    expect(await refusal(service.rotate(o, "openai", NEW))).toMatchObject({ status: 404, code: "provider_key_not_found" });
    await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    expect(await refusal(service.rotate(o, "openai", OLD))).toMatchObject({ status: 422, param: "new_api_key" });
    expect(await refusal(service.rotation(o, "openai", "rot_missing"))).toMatchObject({ status: 404, code: "rotation_not_found" });
  });

  it("replaces the active key outright when no rotation is in grace", async () => {
    const o = await org();
    const first = await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const second = await service.setActiveKey(o, "openai", NEW, null);
    now += 1000;
    const keys = await service.keys(o, "openai");
    expect(keys.map((k) => [k.id, k.status])).toEqual([
      [second.id, "active"],
      [first.id, "retired"],
    ]);
    expect(keys[1]?.retired_at).toBe(now - 1000);
  });

  it("settles a rotation once when two gateways settle it at the same time", async () => {
    const o = await org();
    await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const rotation = await service.rotate(o, "openai", NEW, 1);
    await tracker.recordSuccess(rotation.new_key_id);
    now += MINUTE;
    const other = new RotationService({ store, cipher, log, clock });
    const [a, b] = await Promise.all([service.settle(), other.settle()]);
    const mine = [...a, ...b].filter((r) => r.id === rotation.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.status).toBe("completed");
    expect((await service.keys(o, "openai")).filter((k) => k.status === "active").map((k) => k.id)).toEqual([rotation.new_key_id]);
  });

  it("settles due rotations in a periodic sweep and reports the change", async () => {
    const o = await org();
    await service.setActiveKey(o, "openai", OLD, null);
    now += 1000;
    const rotation = await service.rotate(o, "openai", NEW, 1);
    let reported!: () => void;
    const reloaded = new Promise<void>((resolve) => (reported = resolve));
    const swept = new RotationService({ store, cipher, log, clock, onSettled: async () => reported() });
    swept.startSweep(10);
    now += MINUTE;
    await reloaded;
    await swept.stopSweep();
    expect((await store.providerKeys.getRotation(o, "openai", rotation.id))?.status).toBe("failed");
  });
});
