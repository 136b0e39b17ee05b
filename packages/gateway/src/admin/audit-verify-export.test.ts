import { get } from "node:http";
import { sql } from "kysely";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../audit/export-csv.js";
import { csvRowToRecord, parseCsv } from "../audit/export-fixtures.js";
import { closeQueryRunner } from "../audit/query-runner.js";
import { recordHash } from "../audit/chain.js";
import { auditRow } from "../audit/verify-fixtures.js";
import { createScratchDatabase, type ScratchDatabase } from "../testing/postgres.js";
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from "../testing/harness.js";

const databases = [
  { name: "sqlite", scratch: async () => null },
  { name: "postgres", scratch: () => createScratchDatabase() },
];

describe.each(databases)("GET /api/audit/verify and /api/audit/export on $name", ({ name, scratch }) => {
  let t: TestGateway;
  let db: ScratchDatabase | null;
  let ids: string[];

  beforeAll(async () => {
    db = await scratch();
    t = await startTestGateway(db ? { databaseUrl: db.url } : {});
    // Real calls through the data plane, one with its prompt and answer logged…
    await t.admin("PUT", "/api/policies", {
      defaultAction: "allow",
      rules: [{ id: "log-audit", target: { kind: "llm_model", model: "*" }, action: "allow", logContent: true, conditions: { "metadata.team": "audit" } }],
    });
    const openai = t.client(await t.apiKey("verify-export"));
    const calls = [
      await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "Hello, \"world\"\nbye" }] }, { headers: { "X-Igris-Metadata-Team": "audit" } }).withResponse(),
      await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }).withResponse(),
    ];
    await t.client("igris_sk_wrong").chat.completions.create({ model: "@demo/gpt-4o-mini", messages: [] }).catch((e) => expect(e).toBeInstanceOf(OpenAI.AuthenticationError));
    // …and a batch written straight through the writer.
    for (let i = 0; i < 40; i++) t.gateway.audit.write(auditRow(i, Date.now(), { user_id: i === 3 ? "a,b\nc" : `u${i}` }));
    await t.gateway.audit.flush();
    ids = calls.map((c) => c.response.headers.get("x-igris-request-id")!);
  });

  afterAll(async () => {
    if (t) await closeQueryRunner(t.gateway.store);
    await t?.close();
    await db?.drop();
  });

  it("reports an intact trail, then the record an edit touched", async () => {
    const intact = await t.admin("GET", "/api/audit/verify");
    expect(intact.status).toBe(200);
    expect(intact.body).toEqual({ status: "intact", chains: 1, checked: 43 });

    const victim = ids[1]!;
    const store = t.gateway.store.connection.db;
    const before = await store.selectFrom("audit_records").select(["outcome", "chain_id", "chain_seq"]).where("id", "=", victim).executeTakeFirstOrThrow();
    await sql`update audit_records set outcome = 'denied' where id = ${victim}`.execute(store);
    try {
      const tampered = await t.admin("GET", "/api/audit/verify");
      expect(tampered.status).toBe(200);
      expect(tampered.body).toMatchObject({ status: "tampered", kind: "edited", chainId: before.chain_id, seq: before.chain_seq, recordId: victim, message: expect.any(String) });
    } finally {
      await sql`update audit_records set outcome = ${before.outcome} where id = ${victim}`.execute(store);
    }
  });

  it("streams JSONL: every record in the audit API's shape, then the chain head", async () => {
    const res = await t.admin("GET", "/api/audit/export?format=jsonl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="igris-audit-\d{8}T\d{6}Z\.jsonl"$/);
    const lines = res.text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(44);

    const listed = (await t.admin("GET", "/api/audit?limit=1000")).body.data as Record<string, unknown>[];
    const exported = new Map(lines.slice(0, -1).map((l) => [l.id, l]));
    expect(listed).toHaveLength(43);
    for (const record of listed) expect(exported.get(record.id)).toMatchObject(record);
    expect(exported.get(ids[0])).toMatchObject({ content: { prompt: [{ role: "user", content: 'Hello, "world"\nbye' }] } });

    const head = await t.gateway.store.connection.db.selectFrom("audit_chains").selectAll().executeTakeFirstOrThrow();
    expect(lines.at(-1)).toEqual({
      type: "chain_heads",
      records: 43,
      heads: [{ chainId: head.chain_id, seq: Number(head.head_seq), hash: head.head_hash, headSeq: Number(head.head_seq), headHash: head.head_hash }],
    });
  });

  it("streams CSV whose rows hash back to the chain", async () => {
    const res = await t.admin("GET", `/api/audit/export?format=csv&from=${new Date(Date.now() - 3_600_000).toISOString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const { rows, comments } = parseCsv(res.text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(44);
    for (const row of rows.slice(1)) {
      const record = csvRowToRecord(CSV_COLUMNS, row);
      expect(recordHash(record)).toBe(record.hash);
    }
    expect(comments[0]).toBe("chain_heads records=43 chains=1");
  });

  it("refuses bad parameters with an OpenAI-style 422, and callers without an admin key", async () => {
    for (const query of ["format=xml", "from=soon", "from=2025-02-01&to=2025-01-01", "limit=3"]) {
      const res = await t.admin("GET", `/api/audit/export?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.error).toMatchObject({ type: "invalid_request_error", code: "validation_error" });
    }
    expect((await t.admin("GET", "/api/audit/verify?deep=1")).status).toBe(422);
    expect((await t.admin("GET", "/api/audit/export", undefined, "igris_sk_nope")).status).toBe(401);
    expect((await t.admin("GET", "/api/audit/verify", undefined, "igris_sk_nope")).status).toBe(401);
  });

  it("answers an empty range with just the heads line", async () => {
    const res = await t.admin("GET", "/api/audit/export?from=2001-01-01&to=2001-01-02");
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"type":"chain_heads","records":0,"heads":[]}\n');
  });

  it("holds two exports at a time, and frees a slot when its client goes away", async () => {
    // Enough text that a client who stops reading leaves its export waiting on backpressure.
    for (let i = 0; i < 3000; i++) t.gateway.audit.write(auditRow(i, Date.now(), { error_message: "x".repeat(5000) }));
    await t.gateway.audit.flush();
    // node:http rather than fetch: an aborted fetch has undici open a spare connection that holds up the gateway's shutdown.
    const open = () =>
      new Promise<() => Promise<void>>((resolve, reject) => {
        const req = get(`${t.url}/api/audit/export`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, agent: false }, (res) => {
          expect(res.statusCode).toBe(200);
          res.on("error", () => {});
          res.once("data", () => {
            res.pause();
            resolve(async () => {
              const closed = new Promise((r) => res.once("close", r));
              req.destroy();
              await closed;
            });
          });
        });
        req.on("error", reject);
      });
    const stalled = [await open(), await open()];
    const third = await t.admin("GET", "/api/audit/export?from=2001-01-01&to=2001-01-02");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("5");
    expect(third.body.error.code).toBe("export_in_progress");

    for (const abort of stalled) await abort();
    const deadline = Date.now() + 3000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await t.admin("GET", "/api/audit/export?from=2001-01-01&to=2001-01-02")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });
  it.skipIf(name !== "postgres")("cuts the response off, without its heads, when the database fails part way", async () => {
    // Far more than the socket buffers hold, so the export is still reading when its reader pauses.
    for (let i = 0; i < 6000; i++) t.gateway.audit.write(auditRow(i, Date.now(), { error_message: "y".repeat(5000) }));
    await t.gateway.audit.flush();
    const received: string[] = [];
    const outcome = await new Promise<{ complete: boolean; error: boolean }>((resolve, reject) => {
      const req = get(`${t.url}/api/audit/export?format=csv`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` }, agent: false }, (res) => {
        expect(res.statusCode).toBe(200);
        let error = false;
        res.on("error", () => (error = true));
        res.on("close", () => resolve({ complete: res.complete, error }));
        res.once("data", async (chunk) => {
          received.push(String(chunk));
          res.pause();
          // The export is paused by the slow reader inside its read transaction; take its connection away.
          await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like '%content_prompt%'`.execute(t.gateway.store.connection.db);
          res.on("data", (c) => received.push(String(c)));
          res.resume();
        });
      });
      req.on("error", reject);
    });
    expect(outcome.complete).toBe(false);
    expect(received.join("")).not.toContain("#chain_heads");
    expect(t.logs.some((l) => l.includes("audit export failed part way"))).toBe(true);
  });
});
