import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ORG_ID } from "../gateway.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from "../testing/harness.js";

const MINUTE = 60_000;
const tenant = `/v1/tenants/${DEFAULT_ORG_ID}/providers`;

/** A fresh provider secret of random capitals that ids, times and messages do not use, so no piece of it can appear in an answer by chance. */
const secret = (label: string) => `sk-${label}-${[...randomBytes(24)].map((b) => "GHJKLMNPQRSUVWXY"[b % 16]).join("")}`;

/** Every 5-character piece of `value` found in `text` (the masked hint shows only 4). */
function leaks(text: string, value: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 5 <= value.length; i++) if (text.includes(value.slice(i, i + 5))) found.push(value.slice(i, i + 5));
  return found;
}

/**
 * Provider key rotation against the mock provider's `expect-key` directive, which answers 401
 * to any credential but the one it names. Time for rotations is the test's clock.
 */
describe("provider key rotation", () => {
  let t: TestGateway;
  let now = Date.now();
  const clock = () => now;

  beforeAll(async () => {
    t = await startTestGateway({}, { clock });
  });

  afterAll(async () => {
    await t?.close();
  });

  const expecting = (key: string) => `${t.mock.url}/_mock/expect-key=${encodeURIComponent(key)}/v1`;

  async function ok(method: string, path: string, body?: unknown) {
    const res = await t.admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res;
  }

  /** A provider key reaching `baseUrl`, a virtual key that uses it, and a rotation to `next`. */
  async function rotating(provider: string, slug: string, old: string, next: string, baseUrl: string) {
    const key = await ok("POST", `${tenant}/${provider}/keys`, { api_key: old, config: { baseUrl } });
    const vk = await ok("POST", "/api/virtual-keys", { slug, provider });
    now += 1000;
    const rotation = await ok("POST", `${tenant}/${provider}/keys/rotate`, { new_api_key: next });
    return { key, vk, rotation: rotation.body as { rotation_id: string; old_key_id: string; new_key_id: string; grace_period_ends: string } };
  }

  /** What the request pipeline does with a provider key: the credential first, the fallback on 401/403, each outcome reported. */
  async function callLikeThePipeline(vk: ResolvedVirtualKey): Promise<{ status: number; used: string }> {
    const attempts = [{ keyId: vk.credentialKeyId ?? null, secret: vk.credential }, ...(vk.fallbackCredential ? [vk.fallbackCredential] : [])];
    let last = { status: 0, used: "" };
    for (const attempt of attempts) {
      const res = await fetch(`${vk.baseUrl}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${attempt.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
      });
      await res.arrayBuffer();
      last = { status: res.status, used: attempt.secret };
      const authFailure = res.status === 401 || res.status === 403;
      if (attempt.keyId) await (authFailure ? t.gateway.rotations.recordAuthFailure(attempt.keyId) : t.gateway.rotations.recordSuccess(attempt.keyId));
      if (!authFailure) break;
    }
    return last;
  }

  const resolved = (slug: string) => t.gateway.snapshot.virtualKey(DEFAULT_ORG_ID, slug) as ResolvedVirtualKey;

  describe("through the snapshot and the tracker", () => {
    it("keeps the old key working during grace when upstream rejects the new one, then fails the rotation", async () => {
      const old = secret("old");
      const next = secret("new");
      const { rotation } = await rotating("deepseek", "rot-fail", old, next, expecting(old));

      const during = resolved("rot-fail");
      expect(during).toMatchObject({ credential: next, credentialKeyId: rotation.new_key_id, fallbackCredential: { keyId: rotation.old_key_id, secret: old } });
      expect(await callLikeThePipeline(during)).toEqual({ status: 200, used: old });
      const inGrace = await ok("GET", `${tenant}/deepseek/keys/rotations/${rotation.rotation_id}`);
      expect(inGrace.body).toMatchObject({ status: "in_grace", new_key_succeeded_at: null, new_key_first_auth_failure_at: new Date(now).toISOString() });

      now += 15 * MINUTE;
      const failed = await ok("GET", `${tenant}/deepseek/keys/rotations/${rotation.rotation_id}`);
      expect(failed.body).toMatchObject({ status: "failed", settled_at: new Date(now).toISOString() });
      const keys = await ok("GET", `${tenant}/deepseek/keys`);
      expect(keys.body.data.map((k: any) => [k.key_id, k.status])).toEqual([
        [rotation.new_key_id, "failed"],
        [rotation.old_key_id, "active"],
      ]);
      const after = resolved("rot-fail");
      expect(after).toMatchObject({ credential: old, credentialKeyId: rotation.old_key_id, fallbackCredential: null });
      expect(await callLikeThePipeline(after)).toEqual({ status: 200, used: old });
    });

    it("promotes the new key after the grace period once upstream accepted it", async () => {
      const old = secret("old");
      const next = secret("new");
      const { rotation } = await rotating("xai", "rot-promote", old, next, expecting(next));

      expect(await callLikeThePipeline(resolved("rot-promote"))).toEqual({ status: 200, used: next });
      now += 14 * MINUTE;
      const inGrace = await ok("GET", `${tenant}/xai/keys/rotations/${rotation.rotation_id}`);
      expect(inGrace.body).toMatchObject({ status: "in_grace", new_key_succeeded_at: expect.any(String), new_key_first_auth_failure_at: null });
      expect(resolved("rot-promote").fallbackCredential).not.toBeNull();

      now += MINUTE;
      const completed = await ok("GET", `${tenant}/xai/keys/rotations`);
      expect(completed.body.data[0]).toMatchObject({ rotation_id: rotation.rotation_id, status: "completed" });
      const keys = await ok("GET", `${tenant}/xai/keys`);
      expect(keys.body.data.map((k: any) => [k.key_id, k.status])).toEqual([
        [rotation.new_key_id, "active"],
        [rotation.old_key_id, "retired"],
      ]);
      expect(keys.body.data[1].retired_at).toBe(new Date(now).toISOString());
      expect(resolved("rot-promote")).toMatchObject({ credential: next, credentialKeyId: rotation.new_key_id, fallbackCredential: null });

      // A later rotation starts from the promoted key.
      const third = secret("third");
      now += 1000;
      const again = await ok("POST", `${tenant}/xai/keys/rotate`, { new_api_key: third });
      expect(again.body.old_key_id).toBe(rotation.new_key_id);
      expect(resolved("rot-promote")).toMatchObject({ credential: third, fallbackCredential: { keyId: rotation.new_key_id, secret: next } });
    });

    it("shows no part of a secret beyond its hint in answers or logs", async () => {
      const old = secret("old");
      const next = secret("new");
      const { key, vk, rotation } = await rotating("mistral", "rot-secret", old, next, `${t.mock.url}/v1`);
      const answers = [
        key,
        vk,
        await t.admin("GET", `${tenant}/mistral/keys`),
        await t.admin("GET", `${tenant}/mistral/keys/rotations`),
        await t.admin("GET", `${tenant}/mistral/keys/rotations/${rotation.rotation_id}`),
        await t.admin("GET", "/api/virtual-keys/rot-secret"),
        await t.admin("POST", `${tenant}/mistral/keys/rotate`, { new_api_key: secret("third") }),
        await t.admin("POST", `${tenant}/mistral/keys`, { api_key: next }),
      ];
      expect(key.body.hint).toBe(`…${old.slice(-4)}`);
      for (const res of answers) {
        expect(leaks(res.text, old)).toEqual([]);
        expect(leaks(res.text, next)).toEqual([]);
      }
      const logs = t.logs.join("\n");
      expect(logs).not.toContain(old);
      expect(logs).not.toContain(next);
    });
  });

  /**
   * The whole path through the gateway's data plane: it needs the pipeline to try
   * `fallbackCredential` on a 401/403 and to report outcomes to the RotationTracker.
   */
  describe("through the data plane", () => {
    const chat = (slug: string) => t.client(TEST_ADMIN_KEY).chat.completions.create({ model: `@${slug}/gpt-4o-mini`, messages: [{ role: "user", content: "hi" }] });
    const seenKeys = (since: number) => t.mock.requests.slice(since).map((r) => String(r.headers.authorization).replace(/^Bearer /, ""));

    async function rotationOnceRecorded(provider: string, id: string, field: "new_key_succeeded_at" | "new_key_first_auth_failure_at") {
      const deadline = Date.now() + 3000;
      for (;;) {
        const res = await ok("GET", `${tenant}/${provider}/keys/rotations/${id}`);
        if (res.body[field] !== null || Date.now() > deadline) return res.body;
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it("answers with the old key during grace when upstream rejects the new one", async () => {
      const old = secret("old");
      const next = secret("new");
      const { rotation } = await rotating("moonshot", "dp-fallback", old, next, expecting(old));
      const before = t.mock.requests.length;
      const answer = await chat("dp-fallback");
      expect(answer.choices[0]?.message).toBeDefined();
      expect(seenKeys(before)).toEqual([next, old]);
      const recorded = await rotationOnceRecorded("moonshot", rotation.rotation_id, "new_key_first_auth_failure_at");
      expect(recorded).toMatchObject({ status: "in_grace", new_key_succeeded_at: null, new_key_first_auth_failure_at: expect.any(String) });
    });

    it("fails the rotation when the new key never worked, and keeps serving with the old key", async () => {
      const old = secret("old");
      const next = secret("new");
      const { rotation } = await rotating("qwen", "dp-failed", old, next, expecting(old));
      await chat("dp-failed");
      await rotationOnceRecorded("qwen", rotation.rotation_id, "new_key_first_auth_failure_at");
      now += 15 * MINUTE;
      expect((await ok("GET", `${tenant}/qwen/keys/rotations/${rotation.rotation_id}`)).body.status).toBe("failed");
      const before = t.mock.requests.length;
      await chat("dp-failed");
      expect(seenKeys(before)).toEqual([old]);
    });

    it("promotes the new key after grace once upstream accepted it, and then sends only the new key", async () => {
      const old = secret("old");
      const next = secret("new");
      const { rotation } = await rotating("perplexity", "dp-promote", old, next, expecting(old));
      // The provider still knows only the old key: served by the fallback.
      let before = t.mock.requests.length;
      await chat("dp-promote");
      expect(seenKeys(before)).toEqual([next, old]);

      // The provider switched to the new key (the virtual key's own base URL wins over the provider key's).
      await ok("PATCH", "/api/virtual-keys/dp-promote", { customBaseUrl: expecting(next) });
      before = t.mock.requests.length;
      await chat("dp-promote");
      expect(seenKeys(before)).toEqual([next]);
      const recorded = await rotationOnceRecorded("perplexity", rotation.rotation_id, "new_key_succeeded_at");
      expect(recorded.new_key_succeeded_at).not.toBeNull();

      now += 15 * MINUTE;
      expect((await ok("GET", `${tenant}/perplexity/keys/rotations/${rotation.rotation_id}`)).body.status).toBe("completed");
      before = t.mock.requests.length;
      await chat("dp-promote");
      expect(seenKeys(before)).toEqual([next]);
    });
  });
});
