import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { newId } from "../lib/ids.js";
import { Store } from "../store/index.js";
import { AuditSpool } from "./spool.js";
import { verifyAuditTrail } from "./verify.js";
import { type AuditRecord, AuditWriter, type AuditWriterOptions } from "./writer.js";

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
  let spoolDir: string;
  let store: Store;
  /** Set to an error to make the database refuse audit batches. */
  let refuse: Error | null;
  /** The rows of every insert the database accepted, in order. */
  let inserts: AuditRecord[][];
  const writers: AuditWriter[] = [];

  const open = (options: Partial<AuditWriterOptions> = {}) => {
    const writer = new AuditWriter(store, { flushIntervalMs: 60_000, batchSize: 100, spoolDir, ...options }, silent);
    writers.push(writer);
    return writer;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "igris-audit-"));
    spoolDir = join(dir, "audit-spool");
    store = await Store.open({ dataDir: dir });
    refuse = null;
    inserts = [];
    const realInsert = store.audit.insertMany.bind(store.audit);
    store.audit.insertMany = async (rows, contents) => {
      if (refuse) throw refuse;
      await realInsert(rows, contents);
      inserts.push([...rows]);
    };
  });

  afterEach(async () => {
    refuse = null;
    for (const w of writers.splice(0)) await w.close(1000);
    await store.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => store.connection.db.selectFrom("audit_records").select(["id", "user_id", "chain_seq"]).orderBy("chain_seq").execute();

  it("writes records in batches off the request path and everything on close", async () => {
    const writer = open();
    for (let i = 0; i < 1050; i++) writer.write(record(i));
    expect(writer.pending).toBe(1050);
    await writer.close();
    expect(writer.pending).toBe(0);
    expect(await store.audit.count("org_default")).toBe(1050);
    expect(inserts.every((batch) => batch.length <= 100)).toBe(true);
    expect(await verifyAuditTrail(store.connection)).toMatchObject({ status: "intact" });
  });

  it("spools a refused batch to disk instead of holding it in memory, and replays it in order once the database answers", async () => {
    const writer = open({ batchSize: 10, flushIntervalMs: 20 });
    refuse = new Error("database is locked");
    for (let i = 0; i < 25; i++) writer.write(record(i));
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect(writer.spooled).toBe(25);
    expect(writer.failures).toBeGreaterThanOrEqual(1);
    expect(writer.lastError).toBe("database is locked");

    // Records written meanwhile go behind the spooled ones.
    for (let i = 25; i < 40; i++) writer.write(record(i));
    refuse = null;
    while (writer.spooled > 0 || writer.pending > 0) await writer.flush();
    const rows = await stored();
    expect(rows.map((r) => r.user_id)).toEqual(Array.from({ length: 40 }, (_, i) => `u${i}`));
    const order = inserts.flat().map((r) => r.chain_seq);
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(writer.failures).toBe(0);
    expect(writer.spooled).toBe(0);
    expect(readdirSync(spoolDir).filter((n) => n.endsWith(".jsonl"))).toEqual([]);
    // Back to writing straight to the database.
    const appends = vi.spyOn((writer as any).spool as AuditSpool, "append");
    writer.write(record(40));
    await writer.flush();
    expect(await store.audit.count("org_default")).toBe(41);
    expect(appends).not.toHaveBeenCalled();
    expect(await verifyAuditTrail(store.connection)).toMatchObject({ status: "intact" });
  });

  it("waits between replay attempts while the database stays away, doubling up to a ceiling", async () => {
    const writer = open({ flushIntervalMs: 10, maxRetryMs: 80 });
    let attempts = 0;
    refuse = new Error("connect ECONNREFUSED");
    const insert = store.audit.insertMany;
    store.audit.insertMany = (rows, contents) => {
      attempts++;
      return insert(rows, contents);
    };
    writer.write(record(0));
    await new Promise((r) => setTimeout(r, 600));
    // Ticks every 10 ms, but attempts at 10, 20, 40, 80, 80… ms apart.
    expect(attempts).toBeGreaterThan(4);
    expect(attempts).toBeLessThan(14);
    refuse = null;
    await new Promise((r) => setTimeout(r, 150));
    expect(writer.spooled).toBe(0);
    expect(await store.audit.count("org_default")).toBe(1);
  });

  it("moves records written during a long replay to the spool as it goes, so memory stays bounded", async () => {
    const writer = open({ batchSize: 10, flushIntervalMs: 20 });
    refuse = new Error("down");
    for (let i = 0; i < 300; i++) writer.write(record(i));
    await writer.flush();
    expect(writer.spooled).toBe(300);
    refuse = null;
    const insert = store.audit.insertMany;
    store.audit.insertMany = async (rows, contents) => {
      await new Promise((r) => setTimeout(r, 10));
      return insert(rows, contents);
    };
    // 30 replay batches of 10 ms each; meanwhile 5 new records every 10 ms.
    const replaying = writer.flush();
    let maxPending = 0;
    let n = 300;
    for (let tick = 0; tick < 30; tick++) {
      for (let k = 0; k < 5; k++) writer.write(record(n++));
      maxPending = Math.max(maxPending, writer.pending);
      await new Promise((r) => setTimeout(r, 10));
    }
    await replaying;
    expect(maxPending).toBeLessThan(60);
    await writer.close();
    expect(inserts.flat().map((r) => r.chain_seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(await verifyAuditTrail(store.connection)).toEqual({ status: "intact", chains: 1, checked: n });
  });

  it("replays what a previous process left in the spool before anything new", async () => {
    const first = open();
    refuse = new Error("ECONNREFUSED");
    for (let i = 0; i < 30; i++) {
      const r = record(i);
      first.write(r, i % 7 === 0 ? { record_id: r.id, org_id: "org_default", prompt: `p${i}`, completion: `c${i}` } : null);
    }
    await first.close();
    expect(first.spooled).toBe(30);

    refuse = null;
    const second = open();
    for (let i = 30; i < 35; i++) second.write(record(i));
    await second.close();
    const rows = await stored();
    expect(rows).toHaveLength(35);
    // The old chain's records reach the database before the new chain's.
    expect(inserts.flat().map((r) => r.user_id)).toEqual(Array.from({ length: 35 }, (_, i) => `u${i}`));
    const contents = await store.connection.db.selectFrom("audit_contents").selectAll().execute();
    expect(contents.map((c) => c.prompt).sort()).toEqual(["p0", "p14", "p21", "p28", "p7"]);
    expect(await verifyAuditTrail(store.connection)).toEqual({ status: "intact", chains: 2, checked: 35 });
  });

  it("does not duplicate records a replay already committed before a crash cut it short", async () => {
    // A previous process spooled 40 records and replayed the first 25, then died before the spool was truncated.
    const crashed = open();
    refuse = new Error("down");
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    for (const r of records) crashed.write(r);
    await crashed.close();
    refuse = null;
    await store.audit.insertMany(records.slice(0, 25), []);
    // And the same lines spooled twice (what an append whose fsync failed leaves: it is appended again).
    const spool = AuditSpool.open(spoolDir, silent);
    await spool.append(await spool.peek(40));
    await spool.close();

    inserts = [];
    const next = open({ batchSize: 10 });
    await next.close();
    expect((await stored()).map((r) => r.user_id)).toEqual(records.map((r) => r.user_id));
    expect(inserts.flat()).toHaveLength(15);
    expect(next.failures).toBe(0);
    expect(next.spooled).toBe(0);
    expect(await verifyAuditTrail(store.connection)).toMatchObject({ status: "intact" });
  });

  it("keeps the queue in memory when both the database and the spool refuse, and writes it once either works", async () => {
    const writer = open();
    refuse = new Error("down");
    const spool = (writer as any).spool as AuditSpool;
    const append = spool.append.bind(spool);
    spool.append = async () => {
      throw new Error("ENOSPC: no space left on device");
    };
    writer.write(record(0));
    await writer.flush();
    expect(writer.pending).toBe(1);
    expect(writer.lastError).toMatch(/ENOSPC/);
    spool.append = append;
    refuse = null;
    await writer.close();
    expect(await store.audit.count("org_default")).toBe(1);
  });

  it("spools the queue while a database write is slow, and does not duplicate the batch when it lands", async () => {
    const writer = open({ slowWriteMs: 50, flushIntervalMs: 20 });
    const realInsert = store.audit.insertMany;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let hung = true;
    store.audit.insertMany = async (rows, contents) => {
      if (hung) {
        hung = false;
        await gate;
      }
      return realInsert(rows, contents);
    };
    for (let i = 0; i < 5; i++) writer.write(record(i));
    const flushing = writer.flush();
    await new Promise((r) => setTimeout(r, 150));
    expect(writer.pending).toBe(0);
    expect(writer.spooled).toBe(5);
    // Newer records follow it to disk on the timer while the write hangs.
    for (let i = 5; i < 10; i++) writer.write(record(i));
    await new Promise((r) => setTimeout(r, 100));
    expect(writer.pending).toBe(0);
    expect(writer.spooled).toBe(10);
    release(); // the slow write lands after all
    await flushing;
    await writer.close();
    expect((await stored()).map((r) => r.user_id)).toEqual(Array.from({ length: 10 }, (_, i) => `u${i}`));
    expect(inserts.flat()).toHaveLength(10);
    expect(writer.spooled).toBe(0);
    expect(await verifyAuditTrail(store.connection)).toMatchObject({ status: "intact", checked: 10 });
  });

  it("on close, spools what a hanging database has not taken by the deadline", async () => {
    const writer = open({ writeTimeoutMs: 60_000 });
    store.audit.insertMany = () => new Promise<void>(() => {});
    for (let i = 0; i < 7; i++) writer.write(record(i));
    void writer.flush();
    const t0 = Date.now();
    await writer.close(300);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(writer.pending).toBe(0);
    expect(writer.spooled).toBe(7);
  });

  it("writes records that arrive after close to the spool rather than dropping them", async () => {
    const writer = open();
    await writer.close();
    writer.write(record(1));
    expect(writer.spooled).toBe(1);
    const next = open();
    await next.close();
    expect(await store.audit.count("org_default")).toBe(1);
  });

  describe("in sync mode", () => {
    it("resolves writeDurable only once the record is committed, committing waiting records together", async () => {
      const writer = open({ durability: "sync", batchSize: 500 });
      expect(writer.durability).toBe("sync");
      const records = Array.from({ length: 50 }, (_, i) => record(i));
      const done = records.map(async (r) => {
        await writer.writeDurable(r);
        const row = await store.connection.db.selectFrom("audit_records").select("id").where("id", "=", r.id).executeTakeFirst();
        return row?.id;
      });
      expect(await Promise.all(done)).toEqual(records.map((r) => r.id));
      // Group commit: not one transaction per record, and no waiting for the (60 s) timer.
      expect(inserts.length).toBeLessThanOrEqual(2);
    });

    it("resolves once the record is fsynced to the spool while the database is down", async () => {
      const writer = open({ durability: "sync" });
      refuse = new Error("ECONNREFUSED");
      await writer.writeDurable(record(0));
      expect(writer.spooled).toBe(1);
      expect(writer.pending).toBe(0);
      refuse = null;
      await writer.close();
      expect(await store.audit.count("org_default")).toBe(1);
    });

    it("resolves at once in batch mode", async () => {
      const writer = open();
      expect(writer.durability).toBe("batch");
      await writer.writeDurable(record(0));
      expect(writer.pending).toBe(1);
    });
  });

  it("spools rather than stalling the event loop while another connection holds SQLite's write lock", async () => {
    const writer = open({ sqliteBusyTimeoutMs: 50, flushIntervalMs: 20, maxRetryMs: 100 });
    const other = new SQLite(join(dir, "igris.db"));
    other.exec("BEGIN EXCLUSIVE");
    try {
      for (let i = 0; i < 20; i++) writer.write(record(i));
      const t0 = performance.now();
      await writer.flush();
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(writer.spooled).toBe(20);
      expect(writer.lastError).toMatch(/locked|busy/i);
      // The connection's own busy timeout is untouched.
      expect(store.connection.sqlite!.pragma("busy_timeout", { simple: true })).toBe(5000);
    } finally {
      other.exec("COMMIT");
      other.close();
    }
    for (let i = 20; i < 30; i++) writer.write(record(i));
    await writer.close();
    expect((await stored()).map((r) => r.user_id)).toEqual(Array.from({ length: 30 }, (_, i) => `u${i}`));
  });
});
