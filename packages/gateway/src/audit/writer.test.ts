import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../lib/ids.js";
import { Store } from "../store/index.js";
import { type AuditRecord, AuditWriter } from "./writer.js";

const silent = pino({ level: "silent" });

function record(i: number): AuditRecord {
  return {
    id: newId("req"), org_id: "org_default", created_at: Date.now(), api_key_id: null, virtual_key: "demo", provider: "demo",
    endpoint: "chat.completions", requested_model: "m", upstream_model: "m", user_id: `u${i}`, trace_id: null, metadata: null,
    status_code: 200, outcome: "success", prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, reasoning_tokens: 0,
    cost_micro_usd: null, latency_ms: 1, ttft_ms: null, streamed: 0, error_type: null, error_message: null,
  };
}

describe("the audit writer", () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "igris-audit-"));
    store = await Store.open({ dataDir: dir });
  });

  afterEach(async () => {
    await store.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes records in batches off the request path and everything on close", async () => {
    const writer = new AuditWriter(store, { flushIntervalMs: 60_000, batchSize: 100 }, silent);
    for (let i = 0; i < 1050; i++) writer.write(record(i));
    expect(writer.pending).toBe(1050);
    await writer.close();
    expect(writer.pending).toBe(0);
    expect(await store.audit.count("org_default")).toBe(1050);
  });

  it("keeps a refused batch queued, in order, and writes it once the database answers again", async () => {
    const writer = new AuditWriter(store, { flushIntervalMs: 60_000, batchSize: 10 }, silent);
    const realInsert = store.audit.insertMany.bind(store.audit);
    let refuse = true;
    store.audit.insertMany = async (rows) => {
      if (refuse) throw new Error("database is locked");
      return realInsert(rows);
    };
    for (let i = 0; i < 25; i++) writer.write(record(i));
    await writer.flush();
    expect(writer.pending).toBe(25);
    expect(writer.failures).toBe(1);
    refuse = false;
    await writer.close();
    const page = await store.audit.page({ orgId: "org_default", limit: 100 });
    expect(page.rows.map((r) => r.user_id).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `u${i}`).sort());
    expect(writer.failures).toBe(0);
  });
});
