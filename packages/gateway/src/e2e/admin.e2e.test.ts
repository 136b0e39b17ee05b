import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

describe("the admin API", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("creates, reads, updates and deletes virtual keys", async () => {
    const created = await t.admin("POST", "/api/virtual-keys", { slug: "openai-prod", provider: "openai", apiKey: "sk-abc", models: ["gpt-4o*"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "openai-prod", provider: "openai", customBaseUrl: null, models: ["gpt-4o*"], enabled: true, credentialKeyVersion: expect.any(String) });
    expect(created.body.id).toMatch(/^vk_/);

    expect((await t.admin("GET", "/api/virtual-keys/openai-prod")).body.slug).toBe("openai-prod");
    const list = await t.admin("GET", "/api/virtual-keys");
    expect(list.body.data.map((v: any) => v.slug)).toEqual(expect.arrayContaining(["demo", "openai-prod"]));

    const patched = await t.admin("PATCH", "/api/virtual-keys/openai-prod", { enabled: false, models: null });
    expect(patched.body).toMatchObject({ enabled: false, models: null });
    expect((await t.admin("DELETE", "/api/virtual-keys/openai-prod")).status).toBe(204);
    expect((await t.admin("GET", "/api/virtual-keys/openai-prod")).status).toBe(404);
    expect((await t.admin("DELETE", "/api/virtual-keys/openai-prod")).status).toBe(404);
  });

  it("answers 409 for a duplicate slug and 422 naming the bad field", async () => {
    expect((await t.admin("POST", "/api/virtual-keys", { slug: "dup", provider: "groq", apiKey: "k" })).status).toBe(201);
    const dup = await t.admin("POST", "/api/virtual-keys", { slug: "dup", provider: "groq", apiKey: "k" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ type: "conflict_error", code: "virtual_key_exists" });

    const cases: [unknown, string][] = [
      [{ slug: "Bad Slug", provider: "openai", apiKey: "k" }, "slug"],
      [{ slug: "x", provider: "openai", apiKey: "k" }, "slug"],
      [{ slug: "ok-slug", provider: "no-such-provider", apiKey: "k" }, "provider"],
      [{ slug: "ok-slug", provider: "openai", apiKey: "" }, "apiKey"],
      [{ slug: "ok-slug", provider: "openai-compatible", apiKey: "k" }, "customBaseUrl"],
      [{ slug: "ok-slug", provider: "openai", apiKey: "k", customBaseUrl: "ftp://x" }, "customBaseUrl"],
      [{ slug: "ok-slug", provider: "openai", apiKey: "k", models: ["a", 3] }, "models.1"],
      [{ slug: "ok-slug", provider: "openai", apiKey: "k", surprise: true }, ""],
    ];
    for (const [body, param] of cases) {
      const res = await t.admin("POST", "/api/virtual-keys", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.type).toBe("invalid_request_error");
      if (param) expect(res.body.error.param).toBe(param);
    }
    const bad = await t.admin("POST", "/api/virtual-keys", "{nope");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_json");
  });

  it("issues API keys shown once, lists them masked, and revokes them", async () => {
    const created = await t.admin("POST", "/api/keys", { name: "ci" });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^igris_sk_/);
    const list = await t.admin("GET", "/api/keys");
    const listed = list.body.data.find((k: any) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: "ci", status: "active", role: "gateway" });
    expect(list.text).not.toContain(created.body.key);
    expect(listed.key).toMatch(/^igris_sk_.{4}….{4}$/);

    // A gateway key cannot use the admin API.
    expect((await t.admin("GET", "/api/keys", undefined, created.body.key)).status).toBe(403);
    expect((await t.admin("GET", "/api/keys", undefined, "wrong")).status).toBe(401);

    expect((await t.admin("DELETE", `/api/keys/${created.body.id}`)).body).toEqual({ id: created.body.id, status: "revoked" });
    expect((await t.admin("DELETE", "/api/keys/key_missing")).status).toBe(404);
    expect((await t.admin("POST", "/api/keys", { name: "" })).status).toBe(422);
  });

  it("pages and filters the audit trail, newest first", async () => {
    const key = await t.apiKey("auditor");
    const openai = t.client(key);
    await t.virtualKey("audit-a");
    await t.virtualKey("audit-b");
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const slug = i % 2 ? "audit-b" : "audit-a";
      const { response } = await openai.chat.completions
        .create({ model: `@${slug}/gpt-4o-mini`, messages: [{ role: "user", content: `n${i}` }] }, { headers: { "X-Igris-User": `user-${i % 3}` } })
        .withResponse();
      ids.push(response.headers.get("x-igris-request-id")!);
    }
    await auditRecord(t, ids.at(-1)!);
    const first = await t.admin("GET", "/api/audit?limit=2&virtualKey=audit-a");
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data.map((r: any) => r.id)).toEqual([ids[4], ids[2]]);
    const second = await t.admin("GET", `/api/audit?limit=2&virtualKey=audit-a&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((r: any) => r.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const byUser = await t.admin("GET", "/api/audit?user=user-1");
    expect(byUser.body.data.map((r: any) => r.id).sort()).toEqual([ids[1], ids[4]].sort());
    expect((await t.admin("GET", "/api/audit?model=@audit-b/gpt-4o-mini")).body.data).toHaveLength(3);
    expect((await t.admin("GET", "/api/audit?status=success&virtualKey=audit-b")).body.data).toHaveLength(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await t.admin("GET", `/api/audit?from=${future}`)).body.data).toHaveLength(0);
    expect((await t.admin("GET", "/api/audit?from=yesterday")).status).toBe(422);
    expect((await t.admin("GET", "/api/audit?limit=0")).status).toBe(422);
  });

  it("never shows a virtual key's secret in any response or log line", async () => {
    const secret = "sk-live-TOPSECRET-9f8e7d6c5b4a";
    // The upstream rejects this credential and echoes a masked copy, as OpenAI does.
    await t.virtualKey("secretive", { apiKey: secret, directives: "expect-key=sk-something-else" });
    const bodies: string[] = [];
    bodies.push((await t.admin("GET", "/api/virtual-keys")).text);
    bodies.push((await t.admin("GET", "/api/virtual-keys/secretive")).text);
    bodies.push((await t.admin("PATCH", "/api/virtual-keys/secretive", { apiKey: secret, enabled: true })).text);
    const key = await t.apiKey("secret-test");
    const err = await t.client(key).chat.completions.create({ model: "@secretive/gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    bodies.push(JSON.stringify(err.error));
    const record = await auditRecord(t, err.headers.get("x-igris-request-id"));
    bodies.push(JSON.stringify(record));
    bodies.push((await t.admin("GET", "/api/audit?limit=1000")).text);
    await t.gateway.audit.flush();
    for (const text of [...bodies, ...t.logs]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain("TOPSECRET");
      expect(text).not.toContain("5b4a");
    }
    expect(t.logs.length).toBeGreaterThan(0);
  });

  it("reports health with the database state", async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { dialect: "sqlite", status: "up" }, audit: { pending: expect.any(Number) } });
  });

  it("answers unknown routes with a 404 error body", async () => {
    const res = await t.admin("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.type).toBe("not_found_error");
  });
});
