import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockProvider, startMockProvider } from "@igris/mock-providers";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../store/index.js";
import { runCli } from "../testing/cli-process.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";

describe("running the gateway as a process", () => {
  let dataDir: string;
  let mock: MockProvider;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "igris-cli-"));
    mock = await startMockProvider();
  });

  afterAll(async () => {
    await mock?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("first start prints an admin key once, writes a 0600 master key, and drains in-flight calls on SIGTERM", async () => {
    const gw = await runCli(dataDir);
    const adminKey = /Admin API key[^\n]*\n\s*\n\s*(\S+)/.exec(gw.output())?.[1];
    expect(adminKey).toMatch(/^igris_sk_/);
    expect(statSync(join(dataDir, "master.key")).mode & 0o777).toBe(0o600);

    const admin = (path: string, body: unknown) =>
      fetch(gw.url + path, { method: "POST", headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await admin("/api/virtual-keys", { slug: "slow", provider: "openai-compatible", apiKey: "sk-x", customBaseUrl: `${mock.url}/_mock/chunk-delay=40/v1` })).status).toBe(201);
    const openai = new OpenAI({ apiKey: adminKey!, baseURL: `${gw.url}/v1`, maxRetries: 0 });

    // Streams that are mid-answer when SIGTERM arrives, plus one demo call already done.
    await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "hello" }] });
    const streams = Array.from({ length: 4 }, async () => {
      const stream = await openai.chat.completions.create({ model: "@slow/story-teller", messages: [{ role: "user", content: "tell me a story" }], stream: true });
      let text = "";
      let n = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? "";
        if (++n === 2) gw.proc.kill("SIGTERM");
      }
      return text;
    });
    const texts = await Promise.all(streams);
    for (const text of texts) expect(text.length).toBeGreaterThan(20);
    expect(await gw.exited).toBe(0);
    // Once stopped, nothing listens.
    await expect(fetch(`${gw.url}/health`)).rejects.toThrow();

    const store = await Store.open({ dataDir });
    try {
      const page = await store.audit.page({ orgId: "org_default", limit: 100 });
      expect(page.rows).toHaveLength(5);
      expect(page.rows.filter((r) => r.virtual_key === "slow" && r.outcome === "success" && r.streamed === 1)).toHaveLength(4);
    } finally {
      await store.close();
    }

    // A second start keeps its keys: no new admin key is printed, the old one still works.
    const again = await runCli(dataDir);
    expect(again.output()).not.toContain("Admin API key");
    const res = await fetch(`${again.url}/api/virtual-keys`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect((await res.json()).data.map((v: any) => v.slug).sort()).toEqual(["demo", "slow"]);
    again.proc.kill("SIGINT");
    expect(await again.exited).toBe(0);
  });
});

describe("on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let t: TestGateway;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    t = await startTestGateway({ databaseUrl: scratch.url });
  });

  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
  });

  it("serves calls, audits them, and reports 503 when the database goes away", async () => {
    const openai = t.client(await t.apiKey("pg"));
    await t.virtualKey("pgvk");
    const { response } = await openai.chat.completions.create({ model: "@pgvk/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }).withResponse();
    const stream = await openai.chat.completions.create({ model: "@pgvk/gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    for await (const _ of stream) {
    }
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", virtualKey: "pgvk" });
    const healthy = await fetch(`${t.url}/health`);
    expect(await healthy.json()).toMatchObject({ status: "ok", database: { dialect: "postgres", status: "up" } });

    await t.gateway.audit.flush();
    await scratch.drop();
    const down = await fetch(`${t.url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", database: { status: "down" } });
  });
});

describe("hostile input", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("answers every malformed request with a 4xx and keeps serving", async () => {
    const key = await t.apiKey("fuzz");
    const bodies = [
      "",
      "null",
      "1e309",
      '"string"',
      '{"model":5,"messages":[]}',
      '{"model":"@demo/x","messages":"not an array"}',
      '{"model":"@","messages":[]}',
      '{"model":"@demo/x","messages":[],"stream":"yes"}',
      "\u0000\u0001\u0002",
      randomBytes(2048).toString("latin1"),
      '{"model":"@demo/x","messages":[]'.repeat(100),
    ];
    for (const body of bodies) {
      const res = await fetch(`${t.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body });
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await res.json()).error.message).toEqual(expect.any(String));
    }
    const huge = await fetch(`${t.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: "x".repeat(33 * 1024 * 1024) }).catch(() => null);
    if (huge) expect(huge.status).toBe(413);
    const longUser = await fetch(`${t.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "x-igris-user": "u".repeat(1000) }, body: '{"model":"@demo/x","messages":[]}' });
    expect(longUser.status).toBe(400);

    // Raw garbage on the socket.
    await new Promise<void>((resolve) => {
      const socket = connect(t.gateway.port, "127.0.0.1", () => socket.end("NOT HTTP AT ALL\r\n\r\n"));
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
      socket.resume();
    });
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
  });
});
