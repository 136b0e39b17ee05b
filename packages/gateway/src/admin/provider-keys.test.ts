import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditWriter } from "../audit/writer.js";
import { generateApiKey, newApiKeyRow } from "../keys/api-key.js";
import { RotationService } from "../provider-keys/index.js";
import { MemoryCircuitBreaker } from "../routing/circuit-breaker.js";
import { LatencyStats } from "../routing/latency-stats.js";
import { Snapshot } from "../snapshot/snapshot.js";
import { Store } from "../store/index.js";
import { CredentialCipher } from "../vault/credential-cipher.js";
import { adminApp } from "./app.js";

/** Random capitals that ids, times and messages do not use, so no 5-character piece of it can occur in an answer by chance. */
const secret = () => `sk-${[...randomBytes(24)].map((b) => "GHJKLMNPQRSUVWXY"[b % 16]).join("")}`;
const OLD = secret();
const NEW = secret();

/** Every piece of `secret` longer than the 4-character hint: none may appear in an answer. */
function leaks(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 5 <= secret.length; i++) if (text.includes(secret.slice(i, i + 5))) found.push(secret.slice(i, i + 5));
  return found;
}

/** The tenant provider key API in-process over a scratch SQLite store, on a clock the tests move. */
describe("the provider keys API", () => {
  let dir: string;
  let store: Store;
  let snapshot: Snapshot;
  let app: ReturnType<typeof adminApp>;
  let now = 1_900_000_000_000;
  const org = "org_main";
  const adminKey = generateApiKey();
  const gatewayKey = generateApiKey();
  const otherOrgKey = generateApiKey();
  const base = `/v1/tenants/${org}/providers`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "igris-admin-pkeys-"));
    store = await Store.open({ dataDir: dir });
    for (const [o, key] of [[org, adminKey], ["org_other", otherOrgKey]] as const) {
      await store.ensureOrganisation(o, o, Date.now());
      await store.apiKeys.insert(newApiKeyRow(o, "admin", "admin", key));
    }
    await store.apiKeys.insert(newApiKeyRow(org, "app", "gateway", gatewayKey));
    const log = pino({ level: "silent" });
    const cipher = new CredentialCipher({ version: "test-v1", key: randomBytes(32) });
    snapshot = new Snapshot(store, cipher, new Map(), log);
    await snapshot.reload();
    const rotations = new RotationService({ store, cipher, log, clock: () => now, onSettled: () => snapshot.reload() });
    app = adminApp({ store, cipher, snapshot, audit: {} as AuditWriter, log, breaker: new MemoryCircuitBreaker(), latency: new LatencyStats(), rotations }, async () => ({ status: 200, body: {} }));
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
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  }

  it("admits admin keys of the tenant only, and hides other tenants behind a 404", async () => {
    expect((await call("GET", `${base}/openai/keys`, undefined, "igris_sk_nope")).status).toBe(401);
    const gateway = await call("GET", `${base}/openai/keys`, undefined, gatewayKey);
    expect(gateway.status).toBe(403);
    expect(gateway.body.error.code).toBe("admin_key_required");
    const other = await call("GET", "/v1/tenants/org_other/providers/openai/keys");
    const missing = await call("GET", "/v1/tenants/org_nowhere/providers/openai/keys");
    for (const res of [other, missing]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("tenant_not_found");
    }
    // The other organisation's admin may not touch this one either, even to write.
    expect((await call("POST", `${base}/openai/keys`, { api_key: OLD }, otherOrgKey)).status).toBe(404);
    const unknown = await call("POST", `${base}/no-such-provider/keys`, { api_key: OLD });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("provider_not_found");
  });

  it("validates bodies with a 422 naming the field", async () => {
    const cases: [string, unknown, string][] = [
      ["keys", {}, "api_key"],
      ["keys", { api_key: "" }, "api_key"],
      ["keys", { api_key: OLD, config: { baseUrl: "ftp://x" } }, "config.baseUrl"],
      ["keys", { api_key: OLD, config: { region: "eu" } }, "config"],
      ["keys", { api_key: OLD, surprise: 1 }, ""],
      ["keys/rotate", { new_api_key: NEW, grace_period_minutes: 0 }, "grace_period_minutes"],
      ["keys/rotate", { new_api_key: NEW, grace_period_minutes: 1.5 }, "grace_period_minutes"],
      ["keys/rotate", { new_api_key: NEW, api_key: NEW }, ""],
      ["keys/rotate", {}, "new_api_key"],
    ];
    for (const [path, body, param] of cases) {
      const res = await call("POST", `${base}/groq/${path}`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.type).toBe("invalid_request_error");
      if (param) expect(res.body.error.param, JSON.stringify(body)).toBe(param);
      else expect(res.body.error.message).toMatch(/unrecognized/i);
    }
    const bad = await call("POST", `${base}/groq/keys`, "{nope");
    expect(bad.status).toBe(400);
    expect((await call("POST", `${base}/groq/keys/rotate`, { new_api_key: NEW })).status).toBe(404);
  });

  it("takes a rotation through grace to completion, refusing overlapping changes", async () => {
    const created = await call("POST", `${base}/openai/keys`, { api_key: OLD, config: { baseUrl: "https://eu.example.com/v1" } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      key_id: expect.stringMatching(/^pkey_/),
      provider: "openai",
      status: "active",
      hint: `…${OLD.slice(-4)}`,
      config: { baseUrl: "https://eu.example.com/v1" },
      created_at: new Date(now).toISOString(),
      activated_at: new Date(now).toISOString(),
      retired_at: null,
    });
    now += 1000;

    const rotated = await call("POST", `${base}/openai/keys/rotate`, { new_api_key: NEW, grace_period_minutes: 30 });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ rotation_id: expect.stringMatching(/^rot_/), status: "in_grace", old_key_id: created.body.key_id, grace_period_ends: new Date(now + 30 * 60_000).toISOString() });
    const { rotation_id, new_key_id } = rotated.body;

    const again = await call("POST", `${base}/openai/keys/rotate`, { new_api_key: "sk-third-provider-secret" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ type: "conflict_error", code: "rotation_in_progress", rotation_id });
    expect((await call("POST", `${base}/openai/keys`, { api_key: "sk-third-provider-secret" })).status).toBe(409);

    const keys = await call("GET", `${base}/openai/keys`);
    expect(keys.body.data.map((k: any) => [k.key_id, k.status, k.hint])).toEqual([
      [new_key_id, "pending", `…${NEW.slice(-4)}`],
      [created.body.key_id, "active", `…${OLD.slice(-4)}`],
    ]);
    expect((await call("GET", `${base}/openai/keys/rotations/${rotation_id}`)).body.status).toBe("in_grace");
    expect((await call("GET", `${base}/groq/keys/rotations/${rotation_id}`)).status).toBe(404);

    await store.providerKeys.markNewKeySucceeded(new_key_id, now + 60_000);
    now += 30 * 60_000;
    const settled = await call("GET", `${base}/openai/keys/rotations/${rotation_id}`);
    expect(settled.body).toMatchObject({ status: "completed", settled_at: new Date(now).toISOString(), new_key_succeeded_at: expect.any(String) });
    const after = await call("GET", `${base}/openai/keys`);
    expect(after.body.data.map((k: any) => [k.key_id, k.status])).toEqual([
      [new_key_id, "active"],
      [created.body.key_id, "retired"],
    ]);
    expect((await call("GET", `${base}/openai/keys/rotations`)).body.data.map((r: any) => r.rotation_id)).toEqual([rotation_id]);
    expect((await call("GET", `${base}/openai/keys/rotations/rot_missing`)).status).toBe(404);

    for (const res of [created, rotated, keys, settled, after]) {
      expect(leaks(res.text, OLD)).toEqual([]);
      expect(leaks(res.text, NEW)).toEqual([]);
    }
  });

  it("lets a virtual key use the tenant's provider key instead of its own", async () => {
    const refused = await call("POST", "/api/virtual-keys", { slug: "mistral-app", provider: "mistral" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.param).toBe("apiKey");

    await call("POST", `${base}/mistral/keys`, { api_key: OLD });
    now += 1000;
    const vk = await call("POST", "/api/virtual-keys", { slug: "mistral-app", provider: "mistral" });
    expect(vk.status).toBe(201);
    expect(vk.body).toMatchObject({ usesProviderKey: true, credentialKeyVersion: null });
    const rotated = await call("POST", `${base}/mistral/keys/rotate`, { new_api_key: NEW });
    expect(snapshot.virtualKey(org, "mistral-app")).toMatchObject({
      credential: NEW,
      credentialKeyId: rotated.body.new_key_id,
      fallbackCredential: { keyId: rotated.body.old_key_id, secret: OLD },
    });

    // Its own key again, then back to the provider key with apiKey: null.
    const own = await call("PATCH", "/api/virtual-keys/mistral-app", { apiKey: "sk-own-key" });
    expect(own.body).toMatchObject({ usesProviderKey: false, credentialKeyVersion: "test-v1" });
    expect(snapshot.virtualKey(org, "mistral-app")).toMatchObject({ credential: "sk-own-key", credentialKeyId: null, fallbackCredential: null });
    expect((await call("PATCH", "/api/virtual-keys/mistral-app", { apiKey: null })).body.usesProviderKey).toBe(true);
    // Moving it to a provider the tenant has no key for needs a key of its own.
    const moved = await call("PATCH", "/api/virtual-keys/mistral-app", { provider: "deepseek" });
    expect(moved.status).toBe(422);
    expect(moved.body.error.param).toBe("apiKey");

    // The rotation fails (the new key never worked): the old key is tried alone again.
    now += 15 * 60_000;
    expect((await call("GET", `${base}/mistral/keys/rotations/${rotated.body.rotation_id}`)).body.status).toBe("failed");
    expect(snapshot.virtualKey(org, "mistral-app")).toMatchObject({ credential: OLD, credentialKeyId: rotated.body.old_key_id, fallbackCredential: null });
  });

  it("takes the provider key's base URL when the virtual key sets none", async () => {
    const refused = await call("POST", "/api/virtual-keys", { slug: "local", provider: "openai-compatible" });
    expect(refused.body.error.param).toBe("apiKey");
    await call("POST", `${base}/openai-compatible/keys`, { api_key: OLD, config: { baseUrl: "http://127.0.0.1:11434/v1" } });
    expect((await call("POST", "/api/virtual-keys", { slug: "local", provider: "openai-compatible" })).status).toBe(201);
    expect(snapshot.virtualKey(org, "local")?.baseUrl).toBe("http://127.0.0.1:11434/v1");
    await call("PATCH", "/api/virtual-keys/local", { customBaseUrl: "http://127.0.0.1:8000/v1" });
    expect(snapshot.virtualKey(org, "local")?.baseUrl).toBe("http://127.0.0.1:8000/v1");
  });
});
