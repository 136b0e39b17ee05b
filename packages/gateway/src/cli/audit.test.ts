import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../audit/export-csv.js";
import { parseCsv } from "../audit/export-fixtures.js";
import { testDatabases, type WrittenChain, writeChain } from "../audit/verify-fixtures.js";
import type { Store } from "../store/index.js";

// Runs the built CLI (`npm test` builds first), as a user would.
const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function igris(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.each(testDatabases)("igris audit on $name", ({ open }) => {
  let store: Store;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let a: WrittenChain;
  let b: WrittenChain;
  let out: string;
  const T0 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

  beforeAll(async () => {
    ({ store, env, cleanup } = await open());
    a = await writeChain(store, 10, { contentEvery: 4, startMs: T0, row: (i) => (i === 1 ? { user_id: "x,\"y\"\nz" } : {}) });
    b = await writeChain(store, 5, { startMs: T0 + 60_000 });
    out = mkdtempSync(join(tmpdir(), "igris-cli-out-"));
  });

  afterAll(async () => {
    await store?.close();
    await cleanup?.();
    rmSync(out, { recursive: true, force: true });
  });

  it("verifies an intact trail: exit 0, a sentence, or JSON with --json", async () => {
    const plain = await igris(["audit", "verify"], env);
    expect(plain).toMatchObject({ code: 0, stderr: "" });
    expect(plain.stdout).toMatch(/^Audit trail intact: 15 records in 2 chains verified \(.+\)\.\n$/);
    const json = await igris(["audit", "verify", "--json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ status: "intact", chains: 2, checked: 15 });
  });

  it("exports JSONL to stdout and CSV to a file, with the chain heads last", async () => {
    const jsonl = await igris(["audit", "export"], env);
    expect(jsonl.code).toBe(0);
    const lines = jsonl.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(16);
    expect(lines.slice(0, -1).map((l) => l.id)).toEqual([...a.records, ...b.records].map((r) => r.id));
    expect(lines.at(-1)).toMatchObject({ type: "chain_heads", records: 15 });

    const file = join(out, "audit.csv");
    const csv = await igris(["audit", "export", "--format", "csv", "--from", "2025-01-01T00:00:00.005Z", "--to", String(T0 + 60_002), "--out", file], env);
    expect(csv).toMatchObject({ code: 0, stdout: "" });
    expect(existsSync(`${file}.partial`)).toBe(false);
    const { rows, comments } = parseCsv(readFileSync(file, "utf8"));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...a.records.slice(5), ...b.records.slice(0, 2)].map((r) => r.id));
    expect(comments[0]).toBe("chain_heads records=7 chains=2");
    expect(comments).toContain(`chain_id,seq,hash,head_seq,head_hash`);
    expect(comments).toContain(`${a.chainId},10,${a.records[9]!.hash},10,${a.records[9]!.hash}`);
    expect(comments).toContain(`${b.chainId},2,${b.records[1]!.hash},5,${b.records[4]!.hash}`);
  });

  it("answers usage mistakes with exit 2 and the usage", async () => {
    for (const args of [["audit"], ["audit", "frobnicate"], ["audit", "verify", "--bogus"], ["audit", "export", "--format", "xml"], ["audit", "export", "--from", "last tuesday"]]) {
      const res = await igris(args, env);
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stderr).toContain("Usage:");
    }
    expect((await igris(["audit", "help"], env)).code).toBe(0);
  });

  it("finds tampering: exit 1, naming the kind, chain, position and record", async () => {
    const victim = a.records[3]!;
    await sql`update audit_records set cost_micro_usd = 0 where id = ${victim.id}`.execute(store.connection.db);
    try {
      const plain = await igris(["audit", "verify"], env);
      expect(plain.code).toBe(1);
      expect(plain.stdout).toContain(`Audit trail TAMPERED — edited at chain ${a.chainId}, seq 4, record ${victim.id}:`);
      const json = await igris(["audit", "verify", "--json"], env);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ status: "tampered", kind: "edited", chainId: a.chainId, seq: 4, recordId: victim.id, checked: 3 });
    } finally {
      await sql`update audit_records set cost_micro_usd = ${victim.cost_micro_usd} where id = ${victim.id}`.execute(store.connection.db);
    }
  });
});

describe("igris audit without a database", () => {
  it("says where it looked and exits 2 rather than reporting an empty trail intact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igris-cli-empty-"));
    try {
      const res = await igris(["audit", "verify"], { IGRIS_DATA_DIR: dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`no database at ${join(dir, "igris.db")}`);
      expect(existsSync(join(dir, "igris.db"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
