import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../lib/ids.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";
import { type NewAuditRow, Store } from "./index.js";

function auditRow(orgId: string, createdAt: number, overrides: Partial<NewAuditRow> = {}): NewAuditRow {
  return {
    id: newId("req", createdAt),
    org_id: orgId,
    created_at: createdAt,
    api_key_id: "key_1",
    virtual_key: "openai-prod",
    provider: "openai",
    endpoint: "chat.completions",
    requested_model: "gpt-4o-mini",
    upstream_model: "gpt-4o-mini-2024-07-18",
    user_id: "alice",
    trace_id: null,
    metadata: JSON.stringify({ team: "search" }),
    status_code: 200,
    outcome: "success",
    prompt_tokens: 10,
    completion_tokens: 5,
    cached_tokens: 0,
    reasoning_tokens: 0,
    cost_micro_usd: 4_500_000_000,
    latency_ms: 12,
    ttft_ms: null,
    streamed: 0,
    error_type: null,
    error_message: null,
    ...overrides,
  };
}

const dialects = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-store-"));
      const store = await Store.open({ dataDir: dir });
      return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres",
    async open() {
      const scratch: ScratchDatabase = await createScratchDatabase();
      const store = await Store.open({ databaseUrl: scratch.url, dataDir: "/nonexistent" });
      return { store, cleanup: () => scratch.drop() };
    },
  },
];

describe.each(dialects)("store on $name", ({ name, open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const org = "org_test";

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    await store.ensureOrganisation(org, "Test", Date.now());
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it("reports its dialect and answers a ping", async () => {
    expect(store.dialect).toBe(name);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it("migrates idempotently and keeps the organisation", async () => {
    const again = await store.ensureOrganisation(org, "Renamed", Date.now());
    expect(again).toMatchObject({ created: false, row: { name: "Test" } });
  });

  it("stores, finds, lists and revokes api keys by hash", async () => {
    const now = Date.now();
    await store.apiKeys.insert({ id: "key_a", org_id: org, name: "ci", role: "gateway", key_hash: "h1", masked: "igris_sk_ab…wxyz", status: "active", created_at: now, revoked_at: null });
    expect((await store.apiKeys.findByHash("h1"))?.id).toBe("key_a");
    expect(await store.apiKeys.revoke(org, "key_a", now + 1)).toBe(true);
    expect(await store.apiKeys.revoke(org, "key_missing", now + 1)).toBe(false);
    const [row] = await store.apiKeys.list(org);
    expect(row).toMatchObject({ status: "revoked", revoked_at: now + 1, created_at: now });
    expect(typeof row?.created_at).toBe("number");
    expect(await store.apiKeys.listActive()).toHaveLength(0);
  });

  it("rejects a duplicate virtual key slug in the same organisation", async () => {
    const row = { id: "vk_1", org_id: org, slug: "openai-prod", provider: "openai", credential_ciphertext: "c", credential_key_version: "v1", custom_base_url: null, models: null, enabled: 1, created_at: 1, updated_at: 1 };
    await store.virtualKeys.insert(row);
    await expect(store.virtualKeys.insert({ ...row, id: "vk_2" })).rejects.toThrow();
    expect(await store.virtualKeys.update(org, "openai-prod", { enabled: 0, updated_at: 2 })).toBe(true);
    expect(await store.virtualKeys.get(org, "openai-prod")).toMatchObject({ enabled: 0, updated_at: 2 });
    expect(await store.virtualKeys.delete(org, "openai-prod")).toBe(true);
    expect(await store.virtualKeys.get(org, "openai-prod")).toBeUndefined();
  });

  it("pages audit records newest first with filters and a stable cursor", async () => {
    const base = 1_800_000_000_000;
    const rows = Array.from({ length: 450 }, (_, i) =>
      auditRow(org, base + Math.floor(i / 3), { user_id: i % 2 === 0 ? "alice" : "bob", status_code: i % 10 === 0 ? 429 : 200, outcome: i % 10 === 0 ? "upstream_error" : "success" }),
    );
    await store.audit.insertMany(rows);
    expect(await store.audit.count(org)).toBe(450);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.audit.page({ orgId: org, limit: 100, cursor });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = [...rows].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(seen).toEqual(expected);

    const bob = await store.audit.page({ orgId: org, limit: 1000, user: "bob" });
    expect(bob.rows).toHaveLength(225);
    const limited = await store.audit.page({ orgId: org, limit: 1000, status: "429" });
    expect(limited.rows.every((r) => r.status_code === 429)).toBe(true);
    expect(limited.rows).toHaveLength(45);
    const byOutcome = await store.audit.page({ orgId: org, limit: 1000, status: "upstream_error" });
    expect(byOutcome.rows).toHaveLength(45);
    const window = await store.audit.page({ orgId: org, limit: 1000, fromMs: base + 10, toMs: base + 20 });
    expect(window.rows).toHaveLength(30);
    const [first] = window.rows;
    expect(first?.cost_micro_usd).toBe(4_500_000_000);
    expect(JSON.parse(first?.metadata ?? "{}")).toEqual({ team: "search" });
  });
});
