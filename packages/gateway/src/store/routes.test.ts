import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../testing/postgres.js";
import { type RouteRow, Store } from "./index.js";

const dialects = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-routes-"));
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

const ORG = "org_routes";
const OTHER_ORG = "org_other";
const definition = (vk: string) => JSON.stringify({ strategy: "fallback", targets: [{ virtualKey: vk }] });
const route = (name: string, orgId = ORG, at = 1_000): RouteRow => ({ id: `rt_${orgId}_${name}`, org_id: orgId, name, definition: definition("vk-a"), created_at: at, updated_at: at });

describe.each(dialects)("route storage on $name", ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    for (const org of [ORG, OTHER_ORG]) await store.ensureOrganisation(org, org, 1);
    for (const [org, slug] of [[ORG, "vk-a"], [ORG, "vk-b"], [OTHER_ORG, "vk-a"]] as const) {
      await store.virtualKeys.insert({ id: `vk_${org}_${slug}`, org_id: org, slug, provider: "openai", credential_ciphertext: "c", credential_key_version: "v1", custom_base_url: null, models: null, enabled: 1, created_at: 1, updated_at: 1 });
    }
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it("stores, reads, lists by name and replaces a route", async () => {
    await store.routes.insert(route("zeta"));
    await store.routes.insert(route("alpha"));
    expect(await store.routes.get(ORG, "alpha")).toEqual(route("alpha"));
    expect((await store.routes.list(ORG)).map((r) => r.name)).toEqual(["alpha", "zeta"]);
    expect(await store.routes.replace(ORG, "alpha", definition("vk-b"), 2_000)).toBe(true);
    expect(await store.routes.get(ORG, "alpha")).toMatchObject({ definition: definition("vk-b"), created_at: 1_000, updated_at: 2_000 });
    expect(await store.routes.replace(ORG, "missing", definition("vk-b"), 2_000)).toBe(false);
  });

  it("keeps names unique within an organisation but not across them", async () => {
    await store.routes.insert(route("shared"));
    await expect(store.routes.insert({ ...route("shared"), id: "rt_dup" })).rejects.toThrow();
    await store.routes.insert(route("shared", OTHER_ORG));
    expect(await store.routes.get(OTHER_ORG, "shared")).toMatchObject({ org_id: OTHER_ORG });
    expect((await store.routes.listAll()).filter((r) => r.name === "shared")).toHaveLength(2);
  });

  it("attaches a virtual key to one route at a time and detaches it only from that route", async () => {
    await store.routes.insert(route("first"));
    await store.routes.insert(route("second"));
    await store.routes.attach({ org_id: ORG, virtual_key: "vk-a", route_name: "first", updated_at: 1 });
    await store.routes.attach({ org_id: ORG, virtual_key: "vk-a", route_name: "second", updated_at: 2 });
    expect(await store.routes.attachments(ORG)).toEqual([{ org_id: ORG, virtual_key: "vk-a", route_name: "second", updated_at: 2 }]);
    expect(await store.routes.detach(ORG, "vk-a", "first")).toBe(false);
    expect(await store.routes.detach(ORG, "vk-a", "second")).toBe(true);
    expect(await store.routes.attachments(ORG)).toEqual([]);
  });

  it("refuses to attach an unknown virtual key or an unknown route", async () => {
    await expect(store.routes.attach({ org_id: ORG, virtual_key: "no-such-vk", route_name: "alpha", updated_at: 1 })).rejects.toThrow();
    await expect(store.routes.attach({ org_id: ORG, virtual_key: "vk-b", route_name: "no-such-route", updated_at: 1 })).rejects.toThrow();
  });

  it("refuses to delete a route in use, and drops a deleted virtual key's attachment", async () => {
    await store.routes.insert(route("in-use"));
    await store.routes.attach({ org_id: ORG, virtual_key: "vk-b", route_name: "in-use", updated_at: 1 });
    await expect(store.routes.delete(ORG, "in-use")).rejects.toThrow();
    expect(await store.virtualKeys.delete(ORG, "vk-b")).toBe(true);
    expect((await store.routes.allAttachments()).filter((a) => a.org_id === ORG)).toEqual([]);
    expect(await store.routes.delete(ORG, "in-use")).toBe(true);
    expect(await store.routes.delete(ORG, "in-use")).toBe(false);
  });
});
