import { randomBytes } from "node:crypto";
import { MemoryCircuitBreaker } from "../routing/circuit-breaker.js";
import { LatencyStats } from "../routing/latency-stats.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditWriter } from "../audit/writer.js";
import { generateApiKey, newApiKeyRow } from "../keys/api-key.js";
import { Snapshot } from "../snapshot/snapshot.js";
import { Store } from "../store/index.js";
import { CredentialCipher } from "../vault/credential-cipher.js";
import { adminApp } from "./app.js";

/** The admin app in-process over a scratch SQLite store; the gateway's end-to-end test is routes.e2e.test.ts. */
describe("the routes admin API", () => {
  let dir: string;
  let store: Store;
  let app: ReturnType<typeof adminApp>;
  const adminKey = generateApiKey();
  const otherOrgKey = generateApiKey();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "igris-admin-routes-"));
    store = await Store.open({ dataDir: dir });
    for (const [org, key] of [["org_main", adminKey], ["org_other", otherOrgKey]] as const) {
      await store.ensureOrganisation(org, org, Date.now());
      await store.apiKeys.insert(newApiKeyRow(org, "admin", "admin", key));
    }
    const log = pino({ level: "silent" });
    const cipher = new CredentialCipher({ version: "test-v1", key: randomBytes(32) });
    const snapshot = new Snapshot(store, cipher, new Map(), log);
    await snapshot.reload();
    // The routes API never writes audit records.
    app = adminApp({ store, cipher, snapshot, audit: {} as AuditWriter, log, breaker: new MemoryCircuitBreaker(), latency: new LatencyStats() }, async () => ({ status: 200, body: {} }));
    for (const slug of ["openai-prod", "groq-prod", "app-key"]) {
      const res = await call("POST", "/api/virtual-keys", { slug, provider: slug.startsWith("groq") ? "groq" : "openai", apiKey: "sk-test" });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: unknown, key = adminKey) {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  const chat = {
    name: "chat",
    strategy: "fallback",
    retry: { attempts: 1 },
    targets: [{ virtualKey: "openai-prod", model: "gpt-4o-mini" }, { strategy: "loadbalance", targets: [{ virtualKey: "groq-prod", model: "llama-3.3-70b-versatile", weight: 2 }] }],
  };

  it("creates, reads, lists, replaces and deletes a route", async () => {
    const created = await call("POST", "/api/routes", chat);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...chat, virtualKeys: [], createdAt: expect.any(String), updatedAt: created.body.createdAt });
    expect((await call("GET", "/api/routes/chat")).body).toEqual(created.body);
    expect((await call("GET", "/api/routes")).body.data.map((r: { name: string }) => r.name)).toEqual(["chat"]);

    // GET, edit, PUT: the read-only fields may come back and the name may be left out.
    const { name: _, ...edited } = { ...created.body, strategy: "cheapest" };
    const replaced = await call("PUT", "/api/routes/chat", edited);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: "chat", strategy: "cheapest", createdAt: created.body.createdAt });
    expect((await call("GET", "/api/routes/chat")).body.strategy).toBe("cheapest");

    expect((await call("DELETE", "/api/routes/chat")).status).toBe(204);
    expect((await call("GET", "/api/routes/chat")).status).toBe(404);
    expect((await call("DELETE", "/api/routes/chat")).body.error.code).toBe("route_not_found");
    expect((await call("PUT", "/api/routes/chat", chat)).status).toBe(404);
  });

  it("answers 409 for a duplicate name, and 422 naming the bad field or the unknown virtual key", async () => {
    expect((await call("POST", "/api/routes", { ...chat, name: "dup" })).status).toBe(201);
    const dup = await call("POST", "/api/routes", { ...chat, name: "dup" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ type: "conflict_error", code: "route_exists", param: "name" });

    const cases: [unknown, string | null, string][] = [
      [{ ...chat, name: "Bad Name" }, "name", "validation_error"],
      // Attaching is its own call: a create that tries it in the body is refused, not half-applied.
      [{ ...chat, name: "with-keys", virtualKeys: ["app-key"] }, null, "validation_error"],
      [{ ...chat, strategy: "random" }, "strategy", "validation_error"],
      [{ ...chat, targets: [{ virtualKey: "openai-prod", weight: -1 }] }, "targets.0.weight", "validation_error"],
      [{ ...chat, targets: [{ strategy: "fallback", targets: [{ virtualKey: "openai-prod", retry: { attempts: 99 } }] }] }, "targets.0.targets.0.retry.attempts", "validation_error"],
      [{ ...chat, targets: [{ virtualKey: "openai-prod" }, { strategy: "fallback", targets: [{ virtualKey: "no-such-key" }] }] }, "targets.1.targets.0.virtualKey", "unknown_virtual_key"],
    ];
    for (const [body, param, code] of cases) {
      const res = await call("POST", "/api/routes", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", param, code });
    }
    expect((await call("PUT", "/api/routes/dup", { ...chat, name: "renamed" })).body.error).toMatchObject({ param: "name" });
    expect((await call("PUT", "/api/routes/dup", { ...chat, name: "dup", targets: [{ virtualKey: "ghost" }] })).body.error.code).toBe("unknown_virtual_key");
    expect((await call("POST", "/api/routes", "{nope")).body.error.code).toBe("invalid_json");
  });

  it("attaches virtual keys, refuses to delete a route in use, and detaches", async () => {
    await call("POST", "/api/routes", { ...chat, name: "attached" });
    await call("POST", "/api/routes", { ...chat, name: "spare" });
    expect(await call("PUT", "/api/routes/attached/virtual-keys/app-key")).toEqual({ status: 200, body: { route: "attached", virtualKey: "app-key" } });
    expect((await call("GET", "/api/routes/attached")).body.virtualKeys).toEqual(["app-key"]);

    const refused = await call("DELETE", "/api/routes/attached");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("route_in_use");

    // A key follows one route: attaching it elsewhere moves it.
    await call("PUT", "/api/routes/spare/virtual-keys/app-key");
    expect((await call("GET", "/api/routes/attached")).body.virtualKeys).toEqual([]);
    expect((await call("DELETE", "/api/routes/attached/virtual-keys/app-key")).status).toBe(404);
    expect((await call("DELETE", "/api/routes/spare/virtual-keys/app-key")).status).toBe(204);
    expect((await call("DELETE", "/api/routes/attached")).status).toBe(204);

    expect((await call("PUT", "/api/routes/spare/virtual-keys/no-such-key")).body.error.code).toBe("virtual_key_not_found");
    expect((await call("PUT", "/api/routes/no-such-route/virtual-keys/app-key")).body.error.code).toBe("route_not_found");
  });

  it("drops an attachment when its virtual key is deleted", async () => {
    await call("POST", "/api/virtual-keys", { slug: "short-lived", provider: "openai", apiKey: "sk-test" });
    await call("POST", "/api/routes", { ...chat, name: "orphaned" });
    await call("PUT", "/api/routes/orphaned/virtual-keys/short-lived");
    expect((await call("DELETE", "/api/virtual-keys/short-lived")).status).toBe(204);
    expect((await call("GET", "/api/routes/orphaned")).body.virtualKeys).toEqual([]);
    expect((await call("DELETE", "/api/routes/orphaned")).status).toBe(204);
  });

  it("keeps each organisation's routes to itself", async () => {
    await call("POST", "/api/routes", { ...chat, name: "private" });
    expect((await call("GET", "/api/routes/private", undefined, otherOrgKey)).status).toBe(404);
    expect((await call("GET", "/api/routes", undefined, otherOrgKey)).body.data).toEqual([]);
    // Its virtual keys are not the other organisation's either.
    expect((await call("POST", "/api/routes", { ...chat, name: "private" }, otherOrgKey)).body.error.code).toBe("unknown_virtual_key");
    expect((await call("GET", "/api/routes", undefined, "igris_sk_wrong")).status).toBe(401);
  });
});
