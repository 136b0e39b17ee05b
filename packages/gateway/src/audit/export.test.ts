import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store/index.js";
import { contentHash, HASHED_FIELDS, recordHash } from "./chain.js";
import { exportAuditTrail, type ExportOptions } from "./export.js";
import { CSV_COLUMNS } from "./export-csv.js";
import { ExportParams } from "./export-options.js";
import { csvRowToRecord, parseCsv } from "./export-fixtures.js";
import { testDatabases, type WrittenChain, writeChain } from "./verify-fixtures.js";

describe.each(testDatabases)("exporting the audit trail on $name", ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let a: WrittenChain;
  let b: WrittenChain;
  const T0 = 1_700_000_000_000;

  const collect = async (options: Partial<ExportOptions> = {}) => {
    let text = "";
    const chunks: string[] = [];
    for await (const chunk of exportAuditTrail({ db: store.connection.db, dialect: store.dialect }, { format: "jsonl", orgId: "org_default", ...options })) {
      chunks.push(chunk);
      text += chunk;
    }
    return { text, chunks };
  };
  const jsonl = async (options: Partial<ExportOptions> = {}) =>
    (await collect({ ...options, format: "jsonl" })).text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    // Two writers interleaved in time; awkward text in a few fields; logged content on every third record.
    a = await writeChain(store, 10, {
      batch: 3,
      contentEvery: 3,
      startMs: T0,
      row: (i) => (i === 2 ? { user_id: 'ann, "the admin"\nsecond line', trace_id: "", error_message: "a,b", cache_write_tokens: 7 } : {}),
    });
    b = await writeChain(store, 5, { startMs: T0 + 5, row: (i) => ({ metadata: JSON.stringify({ team: `t${i}`, note: "x,y" }) }) });
    await writeChain(store, 3, { startMs: T0 + 2, row: () => ({ org_id: "org_other" }) });
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it("writes every record of the organisation as a JSON line, oldest first, in the audit API's names", async () => {
    const lines = await jsonl();
    const records = lines.slice(0, -1);
    expect(records).toHaveLength(15);
    expect(records.every((r) => r.type === "record" && r.orgId === "org_default")).toBe(true);
    const times = records.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));

    const odd = a.records[2]!;
    const line = records.find((r) => r.id === odd.id);
    expect(line).toMatchObject({
      createdAt: new Date(odd.created_at).toISOString(),
      apiKeyId: "key_1",
      virtualKey: "demo",
      user: 'ann, "the admin"\nsecond line',
      traceId: "",
      metadata: { team: "search" },
      status: 200,
      outcome: "success",
      usage: { promptTokens: 12, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0, cacheWriteTokens: 7 },
      costMicroUsd: 1502,
      inputCostMicroUsd: 1002,
      outputCostMicroUsd: 500,
      error: { type: null, message: "a,b" },
      policy: { action: "allow", ruleId: null, alerts: [], guardFindings: {} },
      chain: { id: a.chainId, seq: 3, prevHash: a.records[1]!.hash, hash: odd.hash, contentHash: null },
    });
    expect(line).not.toHaveProperty("content");

    const withContent = records.find((r) => r.id === a.records[3]!.id);
    expect(withContent.content).toEqual({ prompt: [{ role: "user", content: "question 3" }], completion: "answer 3" });
    expect(withContent.chain.contentHash).toBe(a.records[3]!.content_hash);
  });

  it("ends with the head of each chain it covers, beside the persisted head", async () => {
    const last = (await jsonl()).at(-1);
    expect(last).toEqual({
      type: "chain_heads",
      records: 15,
      heads: [
        { chainId: a.chainId, seq: 10, hash: a.records[9]!.hash, headSeq: 10, headHash: a.records[9]!.hash },
        { chainId: b.chainId, seq: 5, hash: b.records[4]!.hash, headSeq: 5, headHash: b.records[4]!.hash },
      ].sort((x, y) => (x.chainId < y.chainId ? -1 : 1)),
    });
  });

  it("keeps to [from, to), and names the last exported record of each chain in the range", async () => {
    const lines = await jsonl({ fromMs: T0 + 3, toMs: T0 + 7 });
    expect(lines.slice(0, -1).map((r) => r.id)).toEqual(
      [...a.records.slice(3, 7), ...b.records.slice(0, 2)].sort((x, y) => x.created_at - y.created_at || (x.id < y.id ? -1 : 1)).map((r) => r.id),
    );
    expect(lines.at(-1).heads).toEqual(
      expect.arrayContaining([
        { chainId: a.chainId, seq: 7, hash: a.records[6]!.hash, headSeq: 10, headHash: a.records[9]!.hash },
        { chainId: b.chainId, seq: 2, hash: b.records[1]!.hash, headSeq: 5, headHash: b.records[4]!.hash },
      ]),
    );
    expect(await jsonl({ fromMs: T0 + 1000 })).toEqual([{ type: "chain_heads", records: 0, heads: [] }]);
  });

  it("writes CSV that parses back to the stored values exactly: every hash recomputes from its row", async () => {
    const { text } = await collect({ format: "csv" });
    const { rows, comments } = parseCsv(text);
    const [header, ...data] = rows;
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(data).toHaveLength(15);

    const stored = new Map([...a.records, ...b.records].map((r) => [r.id, r]));
    for (const row of data) {
      const parsed = csvRowToRecord(CSV_COLUMNS, row);
      const original = stored.get(parsed.id as string)!;
      for (const f of HASHED_FIELDS) expect(parsed[f], f).toEqual(original[f] ?? null);
      expect(recordHash(parsed)).toBe(parsed.hash);
      if (parsed.content_hash) expect(contentHash({ prompt: parsed.prompt as string, completion: parsed.completion as string })).toBe(parsed.content_hash);
    }
    const odd = data.find((r) => r[0] === a.records[2]!.id)!;
    expect(odd[CSV_COLUMNS.indexOf("user_id")]).toBe('ann, "the admin"\nsecond line');
    expect(odd[CSV_COLUMNS.indexOf("trace_id")]).toBe("");
    expect(odd[CSV_COLUMNS.indexOf("ttft_ms")]).toBeNull();

    const [first, ...rest] = [a, b].sort((x, y) => (x.chainId < y.chainId ? -1 : 1));
    expect(comments).toEqual([
      "chain_heads records=15 chains=2",
      "chain_id,seq,hash,head_seq,head_hash",
      ...[first!, ...rest].map((c) => `${c.chainId},${c.records.length},${c.records.at(-1)!.hash},${c.records.length},${c.records.at(-1)!.hash}`),
    ]);
  });

  it("gives the same text in small chunks and small pages as in one", async () => {
    for (const format of ["csv", "jsonl"] as const) {
      const whole = await collect({ format });
      const pieces = await collect({ format, pageSize: 2, chunkChars: 100 });
      expect(pieces.chunks.length).toBeGreaterThan(5);
      expect(pieces.text).toBe(whole.text);
    }
  });

  it("still exports a record whose stored JSON no longer parses, flagged", async () => {
    const victim = b.records[1]!;
    await sql`update audit_records set metadata = ${"{not json"} where id = ${victim.id}`.execute(store.connection.db);
    try {
      const line = (await jsonl()).find((r) => r.id === victim.id);
      expect(line).toMatchObject({ type: "record", id: victim.id, unparseable: expect.any(String), stored: { metadata: "{not json", hash: victim.hash } });
    } finally {
      await sql`update audit_records set metadata = ${victim.metadata} where id = ${victim.id}`.execute(store.connection.db);
    }
  });
});

describe("export parameters", () => {
  it("accepts ISO times and epoch milliseconds, and refuses the rest", () => {
    expect(ExportParams.parse({})).toEqual({ format: "jsonl" });
    expect(ExportParams.parse({ format: "csv", from: "2025-01-01", to: "1735776000000" })).toEqual({ format: "csv", from: Date.UTC(2025, 0, 1), to: 1735776000000 });
    expect(ExportParams.parse({ from: "2025-01-01T12:00:00+02:00" }).from).toBe(Date.UTC(2025, 0, 1, 10));
    for (const bad of [{ format: "xml" }, { from: "yesterday" }, { from: "2025-02-01", to: "2025-01-01" }, { limit: "5" }]) {
      expect(ExportParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
