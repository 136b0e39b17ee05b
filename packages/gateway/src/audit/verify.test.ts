import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../lib/ids.js";
import type { NewAuditRow, Store } from "../store/index.js";
import { AuditChain, recordHash } from "./chain.js";
import { verifyAuditTrail } from "./verify.js";
import { auditRow, testDatabases, type WrittenChain, writeChain } from "./verify-fixtures.js";

describe.each(testDatabases)("verifying the audit trail on $name", ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let a: WrittenChain;
  let b: WrittenChain;

  const verify = (pageSize?: number) => verifyAuditTrail({ db: store.connection.db, dialect: store.dialect }, { pageSize });
  const exec = (query: ReturnType<typeof sql>) => query.execute(store.connection.db);
  const rec = (chain: WrittenChain, seq: number) => chain.records[seq - 1]!;
  const insertRaw = (row: NewAuditRow) => store.connection.db.insertInto("audit_records").values(row).execute();

  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  beforeEach(async () => {
    await exec(sql`delete from audit_records`);
    await exec(sql`delete from audit_contents`);
    await exec(sql`delete from audit_chains`);
    // Two writers' chains, each with logged content on every third record, written in batches of 4.
    a = await writeChain(store, 10, { batch: 4, contentEvery: 3, startMs: 1_700_000_000_000 });
    b = await writeChain(store, 10, { batch: 4, contentEvery: 3, startMs: 1_700_000_100_000 });
  });

  it("finds intact chains intact, however small the pages", async () => {
    expect(await verify()).toEqual({ status: "intact", chains: 2, checked: 20 });
    expect(await verify(3)).toEqual({ status: "intact", chains: 2, checked: 20 });
  });

  it("reports a changed field as edited, naming the record", async () => {
    await exec(sql`update audit_records set cost_micro_usd = 1 where id = ${rec(b, 4).id}`);
    expect(await verify(3)).toMatchObject({ status: "tampered", kind: "edited", chainId: b.chainId, seq: 4, recordId: rec(b, 4).id, checked: 13 });
  });

  it("reports a changed prev_hash as edited", async () => {
    await exec(sql`update audit_records set prev_hash = ${"f".repeat(64)} where id = ${rec(a, 6).id}`);
    expect(await verify()).toMatchObject({ kind: "edited", chainId: a.chainId, seq: 6, recordId: rec(a, 6).id });
  });

  it("reports changed, removed or added logged content", async () => {
    await exec(sql`update audit_contents set completion = ${"a different answer"} where record_id = ${rec(a, 7).id}`);
    expect(await verify()).toMatchObject({ kind: "edited", chainId: a.chainId, seq: 7, recordId: rec(a, 7).id });

    await exec(sql`delete from audit_contents where record_id = ${rec(a, 7).id}`);
    expect(await verify()).toMatchObject({ kind: "deleted", chainId: a.chainId, seq: 7, recordId: rec(a, 7).id });

    await store.connection.db.insertInto("audit_contents").values({ record_id: rec(a, 7).id, org_id: "org_default", prompt: null, completion: null }).execute();
    await store.connection.db.insertInto("audit_contents").values({ record_id: rec(a, 2).id, org_id: "org_default", prompt: null, completion: "x" }).execute();
    expect(await verify()).toMatchObject({ kind: "edited", chainId: a.chainId, seq: 2, recordId: rec(a, 2).id });
  });

  it("reports a record removed from the middle as deleted, at the gap", async () => {
    await exec(sql`delete from audit_records where id = ${rec(a, 5).id}`);
    expect(await verify(2)).toMatchObject({ kind: "deleted", chainId: a.chainId, seq: 5, recordId: rec(a, 6).id, checked: 4 });
  });

  it("reports a removed record as deleted when the rest were renumbered to close the gap", async () => {
    await exec(sql`delete from audit_records where id = ${rec(a, 5).id}`);
    await exec(sql`update audit_records set chain_seq = chain_seq - 1 where chain_id = ${a.chainId} and chain_seq > 5`);
    await exec(sql`update audit_chains set head_seq = 9 where chain_id = ${a.chainId}`);
    expect(await verify()).toMatchObject({ kind: "deleted", chainId: a.chainId, seq: 5, recordId: rec(a, 6).id });
  });

  it("reports a cut-off tail as deleted, below the persisted head", async () => {
    await exec(sql`delete from audit_records where id = ${rec(b, 10).id}`);
    expect(await verify()).toMatchObject({ kind: "deleted", chainId: b.chainId, seq: 10, recordId: null, checked: 19 });
    await exec(sql`delete from audit_records where chain_id = ${b.chainId} and chain_seq >= 7`);
    expect(await verify()).toMatchObject({ kind: "deleted", chainId: b.chainId, seq: 7, recordId: null });
    expect((await verify()) as { message: string }).toHaveProperty("message", expect.stringContaining("seq 7–10"));
  });

  it("reports a chain whose records are all gone as deleted", async () => {
    await exec(sql`delete from audit_records where chain_id = ${a.chainId}`);
    expect(await verify()).toMatchObject({ kind: "deleted", chainId: a.chainId, seq: 1, recordId: null, checked: 0 });
  });

  it("reports a well-formed record appended above the head as inserted", async () => {
    const forger = new AuditChain(a.chainId, { seq: 10, hash: rec(a, 10).hash! });
    const forged = forger.link(auditRow(99, 1_700_000_000_500), null);
    await insertRaw(forged);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: a.chainId, seq: 11, recordId: forged.id, checked: 10 });
  });

  it("reports a second record at an existing position as inserted, whichever sorts first", async () => {
    // A forger who knows the scheme: the forged record matches its hash and links to seq 2.
    const forged = new AuditChain(a.chainId, { seq: 2, hash: rec(a, 2).hash! }).link(auditRow(77, 1_700_000_000_002, { id: "req_0" }), null);
    await insertRaw(forged);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: a.chainId, seq: 3, recordId: forged.id });

    await exec(sql`delete from audit_records where id = ${forged.id}`);
    const junk = { ...auditRow(78, 1_700_000_000_003, { id: "req_zzz" }), chain_id: a.chainId, chain_seq: 3, prev_hash: rec(a, 2).hash, hash: "0".repeat(64) };
    await insertRaw(junk);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: a.chainId, seq: 3, recordId: "req_zzz" });
  });

  it("reports a record slipped into the middle, with the rest renumbered and the head moved, as inserted", async () => {
    await exec(sql`update audit_records set chain_seq = chain_seq + 1 where chain_id = ${a.chainId} and chain_seq >= 5`);
    await exec(sql`update audit_chains set head_seq = 11 where chain_id = ${a.chainId}`);
    const forged = new AuditChain(a.chainId, { seq: 4, hash: rec(a, 4).hash! }).link(auditRow(55, 1_700_000_000_004), null);
    await insertRaw(forged);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: a.chainId, seq: 5, recordId: forged.id });
  });

  it("reports records of a chain with no head as inserted", async () => {
    const forged = new AuditChain(newId("chain", 1_600_000_000_000)).link(auditRow(1, 1_600_000_000_000), null);
    await insertRaw(forged);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: forged.chain_id, seq: 1, recordId: forged.id, checked: 0 });
  });

  it("reports a chain whose head row was deleted as inserted, saying the head may be what went", async () => {
    await exec(sql`delete from audit_chains where chain_id = ${b.chainId}`);
    const result = await verify();
    expect(result).toMatchObject({ kind: "inserted", chainId: b.chainId, seq: 1, recordId: rec(b, 1).id });
    expect(result).toHaveProperty("message", expect.stringContaining("head row was deleted"));
  });

  it("reports a record outside any chain as inserted", async () => {
    const loose = auditRow(3, 1_500_000_000_000);
    await insertRaw(loose);
    expect(await verify()).toMatchObject({ kind: "inserted", chainId: null, seq: null, recordId: loose.id });
  });

  it("reports two records with swapped positions as reordered, at the first of them", async () => {
    await exec(sql`update audit_records set chain_seq = case when chain_seq = 3 then 7 else 3 end where chain_id = ${b.chainId} and chain_seq in (3, 7)`);
    expect(await verify()).toMatchObject({ kind: "reordered", chainId: b.chainId, seq: 3, recordId: rec(b, 7).id, checked: 12 });
  });

  it("reports neighbours swapped as reordered", async () => {
    await exec(sql`update audit_records set chain_seq = case when chain_seq = 4 then 5 else 4 end where chain_id = ${a.chainId} and chain_seq in (4, 5)`);
    expect(await verify()).toMatchObject({ kind: "reordered", chainId: a.chainId, seq: 4, recordId: rec(a, 5).id });
  });

  it("reports a record moved further down the chain as reordered, at the position it left", async () => {
    await exec(sql`update audit_records set chain_seq = 9 where id = ${rec(a, 3).id}`);
    await exec(sql`delete from audit_records where id = ${rec(a, 9).id}`);
    expect(await verify()).toMatchObject({ kind: "reordered", chainId: a.chainId, seq: 3, recordId: rec(a, 3).id });
  });

  it("reports a record moved into another chain as edited", async () => {
    await exec(sql`update audit_records set chain_id = ${b.chainId}, chain_seq = 11 where id = ${rec(a, 4).id}`);
    await exec(sql`update audit_chains set head_seq = 11 where chain_id = ${b.chainId}`);
    expect(await verify()).toMatchObject({ kind: "edited", chainId: a.chainId, seq: 4, recordId: rec(a, 4).id });
  });

  it("catches an edit whose hash was recomputed, and says what else it could be", async () => {
    const edited = { ...rec(a, 4), cost_micro_usd: 1 };
    await exec(sql`update audit_records set cost_micro_usd = 1, hash = ${recordHash(edited)} where id = ${edited.id}`);
    const result = await verify();
    expect(result).toMatchObject({ kind: "deleted", chainId: a.chainId, seq: 5, recordId: rec(a, 5).id });
    expect(result).toHaveProperty("message", expect.stringContaining(`record ${edited.id} at seq 4 was rewritten`));

    // On the last record, only the persisted head shows the rewrite.
    const last = { ...rec(b, 10), user_id: "someone-else" };
    await exec(sql`update audit_records set cost_micro_usd = ${rec(a, 4).cost_micro_usd}, hash = ${rec(a, 4).hash} where id = ${edited.id}`);
    await exec(sql`update audit_records set user_id = ${"someone-else"}, hash = ${recordHash(last)} where id = ${last.id}`);
    expect(await verify()).toMatchObject({ kind: "edited", chainId: b.chainId, seq: 10, recordId: last.id });
  });

  it("walks long chains a page at a time and finds a gap deep inside", async () => {
    const long = await writeChain(store, 2500, { batch: 500, startMs: 1_700_000_200_000 });
    expect(await verify(97)).toEqual({ status: "intact", chains: 3, checked: 2520 });
    await exec(sql`delete from audit_records where id = ${rec(long, 1234).id}`);
    expect(await verify(97)).toMatchObject({ kind: "deleted", chainId: long.chainId, seq: 1234, recordId: rec(long, 1235).id, checked: 20 + 1233 });
  });
});
