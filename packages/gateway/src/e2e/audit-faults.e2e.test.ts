import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { verifyAuditTrail } from "../audit/verify.js";
import { Store } from "../store/index.js";
import { runCli } from "../testing/cli-process.js";
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from "../testing/harness.js";

const CLI_ENV = { IGRIS_ADMIN_KEY: TEST_ADMIN_KEY, IGRIS_LOG_LEVEL: "info" };

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A PostgreSQL server of the test's own (initdb into a temp dir, its own port and socket),
 * so it can be stopped mid-load without disturbing the shared server on 5432. PostgreSQL
 * refuses to run as root: as root, the cluster belongs to the `postgres` user.
 */
class PrivateCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly port: number,
    private readonly asUser: string[],
  ) {}

  static async create(): Promise<PrivateCluster> {
    const bin = postgresBinDir();
    const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
    const dir = mkdtempSync(join(tmpdir(), "igris-pg-"));
    try {
      if (asUser.length > 0) {
        const ids = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
        chownSync(dir, Number(ids[0].stdout), Number(ids[1].stdout));
      }
      const cluster = new PrivateCluster(bin, dir, await freePort(), asUser);
      await cluster.pg("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
      await cluster.start();
      return cluster;
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const [cmd, ...rest] = [...this.asUser, join(this.bin, tool), ...args];
    await run(cmd!, rest, { timeout: 60_000 });
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    return this.pg("pg_ctl", ["-D", join(this.dir, "data"), "-l", join(this.dir, "log"), "-o", options, "-w", "-t", "60", "start"]);
  }

  /** Like a crash or a kill -9 of the server: no checkpoint, connections cut. */
  stop(): Promise<void> {
    return this.pg("pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url("postgres") });
    await client.connect();
    try {
      await client.query(`create database ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error(`no PostgreSQL server binaries (initdb, pg_ctl) under ${root}`);
  return join(root, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface LoadResult {
  /** x-igris-request-id of every call that got a response, with its status. */
  answered: { id: string; status: number }[];
  errors: string[];
  /** The longest call, in ms: the data plane must not wait on the audit trail. */
  slowestMs: number;
}

/** Workers calling the demo provider back to back (a short pause each) until stopped. */
function startLoad(url: string, key: string, workers = 6): { stop(): Promise<LoadResult>; readonly answered: number } {
  let running = true;
  const result: LoadResult = { answered: [], errors: [], slowestMs: 0 };
  const body = JSON.stringify({ model: "@demo/gpt-4o-mini", messages: [{ role: "user", content: "hello" }] });
  const worker = async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        // Counted from the headers: a response the client saw at all must be audited.
        result.answered.push({ id: res.headers.get("x-igris-request-id") ?? "(none)", status: res.status });
        await res.arrayBuffer();
        result.slowestMs = Math.max(result.slowestMs, performance.now() - t0);
      } catch (err) {
        result.errors.push((err as Error).cause ? String((err as Error).cause) : (err as Error).message);
        await sleep(50);
      }
      await sleep(5);
    }
  };
  const all = Array.from({ length: workers }, worker);
  return {
    async stop() {
      running = false;
      await Promise.all(all);
      return result;
    },
    get answered() {
      return result.answered.length;
    },
  };
}

/** Every answered call's record is stored exactly once, and every chain is whole. */
async function expectAllRecorded(store: Store, answered: LoadResult["answered"]): Promise<{ records: number }> {
  const db = store.connection.db;
  const rows = await db.selectFrom("audit_records").select("id").execute();
  const stored = new Map<string, number>();
  for (const row of rows) stored.set(row.id, (stored.get(row.id) ?? 0) + 1);
  const ids = answered.map((a) => a.id);
  expect(ids.filter((id) => !stored.has(id)), "answered calls without a record").toEqual([]);
  expect([...stored].filter(([, n]) => n > 1), "records stored twice").toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(await verifyAuditTrail(store.connection)).toMatchObject({ status: "intact", checked: rows.length });
  return { records: rows.length };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as any;


const spooledOnDisk = (dataDir: string) => {
  const dir = join(dataDir, "audit-spool");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".jsonl"))
    .reduce((n, f) => n + readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean).length, 0);
};

describe("audit records survive database faults", () => {
  it("SQLite locked by another connection past its busy timeout: calls keep succeeding, every record arrives once", async () => {
    const t = await startTestGateway();
    try {
      const load = startLoad(t.url, TEST_ADMIN_KEY);
      await waitFor("some calls", () => load.answered > 50);
      const other = new SQLite(t.gateway.store.connection.location);
      other.exec("BEGIN EXCLUSIVE");
      const lockedAt = load.answered;
      try {
        // Longer than the connection's busy_timeout (5000 ms).
        await sleep(6500);
        const during = await health(t.url);
        expect(during.audit.spooled).toBeGreaterThan(0);
        expect(during.audit.failedFlushes).toBeGreaterThan(0);
        expect(during.audit.lastError).toMatch(/locked|busy/i);
      } finally {
        other.exec("COMMIT");
        other.close();
      }
      const callsWhileLocked = load.answered - lockedAt;
      await sleep(500);
      const result = await load.stop();
      expect(result.errors).toEqual([]);
      expect(result.answered.every((a) => a.status === 200)).toBe(true);
      expect(callsWhileLocked).toBeGreaterThan(100);
      expect(result.slowestMs).toBeLessThan(2000);
      await waitFor("the spool to drain", async () => (await t.gateway.audit.flush(), t.gateway.audit.spooled === 0 && t.gateway.audit.pending === 0));
      const { records } = await expectAllRecorded(t.gateway.store, result.answered);
      expect(records).toBe(result.answered.length);
      console.info(`[audit-faults] SQLite locked 6.5 s: ${result.answered.length} calls (${callsWhileLocked} while locked, slowest ${Math.round(result.slowestMs)} ms), ${records} records`);
    } finally {
      await t.close();
    }
  }, 60_000);

  it("SIGTERM under load: every call that got a response has its record", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "igris-sigterm-"));
    try {
      // A long flush interval: up to a second of records is still queued when SIGTERM comes.
      const gw = await runCli(dataDir, { ...CLI_ENV, IGRIS_AUDIT_FLUSH_MS: "1000" });
      const load = startLoad(gw.url, TEST_ADMIN_KEY);
      await waitFor("calls under way", () => load.answered > 300);
      gw.proc.kill("SIGTERM");
      expect(await gw.exited, gw.output().slice(-3000)).toBe(0);
      const result = await load.stop();
      expect(result.answered.every((a) => a.status === 200)).toBe(true);
      const store = await Store.open({ dataDir });
      try {
        const { records } = await expectAllRecorded(store, result.answered);
        console.info(`[audit-faults] SIGTERM under load: ${result.answered.length} answered calls, ${records} records`);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("audit records survive a PostgreSQL outage", () => {
  let cluster: PrivateCluster | null = null;
  let unavailable = "";
  let databases = 0;

  beforeAll(async () => {
    try {
      cluster = await PrivateCluster.create();
    } catch (err) {
      unavailable = (err as Error).message;
    }
  }, 120_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  const need = (ctx: TestContext): PrivateCluster => {
    if (!cluster) {
      console.warn(`[audit-faults] SKIPPED: a private PostgreSQL cluster could not be started here: ${unavailable}`);
      ctx.skip(`no private PostgreSQL cluster: ${unavailable}`);
    }
    return cluster!;
  };

  it("PostgreSQL stopped mid-load: calls keep succeeding, the spool is replayed, every record arrives once and the chain holds", async (ctx) => {
    const pgc = need(ctx);
    const databaseUrl = await pgc.createDatabase(`igris_faults_${++databases}`);
    const t: TestGateway = await startTestGateway({ databaseUrl });
    try {
      const load = startLoad(t.url, TEST_ADMIN_KEY);
      await waitFor("some calls", () => load.answered > 100);
      await pgc.stop();
      const stoppedAt = load.answered;
      await sleep(3000);
      const during = await health(t.url);
      expect(during).toMatchObject({ status: "unavailable", audit: { durability: "batch" } });
      expect(during.audit.spooled).toBeGreaterThan(0);
      expect(during.audit.lastError).toEqual(expect.any(String));
      const callsWhileDown = load.answered - stoppedAt;
      await pgc.start();
      await sleep(1000);
      const result = await load.stop();
      expect(result.errors).toEqual([]);
      expect(result.answered.every((a) => a.status === 200)).toBe(true);
      expect(callsWhileDown).toBeGreaterThan(100);
      expect(result.slowestMs).toBeLessThan(2000);
      await waitFor("the spool to drain", async () => (await t.gateway.audit.flush(), t.gateway.audit.spooled === 0 && t.gateway.audit.pending === 0));
      const { records } = await expectAllRecorded(t.gateway.store, result.answered);
      expect(records).toBe(result.answered.length);
      expect((await health(t.url)).audit).toMatchObject({ pending: 0, spooled: 0, failedFlushes: 0, lastError: null });
      console.info(`[audit-faults] PostgreSQL stopped 3 s: ${result.answered.length} calls (${callsWhileDown} while down, slowest ${Math.round(result.slowestMs)} ms), ${records} records`);
    } finally {
      await t.close();
    }
  }, 90_000);

  it("SIGTERM while PostgreSQL is down: records go to the spool and are written on the next start", async (ctx) => {
    const pgc = need(ctx);
    const databaseUrl = await pgc.createDatabase(`igris_faults_${++databases}`);
    const dataDir = mkdtempSync(join(tmpdir(), "igris-sigterm-pg-"));
    try {
      const env = { ...CLI_ENV, IGRIS_DATABASE_URL: databaseUrl };
      const gw = await runCli(dataDir, env);
      const load = startLoad(gw.url, TEST_ADMIN_KEY);
      await waitFor("some calls", () => load.answered > 100);
      await pgc.stop();
      await sleep(1500);
      gw.proc.kill("SIGTERM");
      expect(await gw.exited, gw.output().slice(-3000)).toBe(0);
      const result = await load.stop();
      expect(result.answered.every((a) => a.status === 200)).toBe(true);
      const spooled = spooledOnDisk(dataDir);
      expect(spooled).toBeGreaterThan(0);
      expect(gw.output()).toContain("they are written to the database on the next start");

      await pgc.start();
      const again = await runCli(dataDir, env);
      await waitFor("the replay", async () => (await health(again.url)).audit.spooled === 0);
      again.proc.kill("SIGTERM");
      expect(await again.exited, again.output().slice(-3000)).toBe(0);
      expect(spooledOnDisk(dataDir)).toBe(0);

      const store = await Store.open({ databaseUrl, dataDir });
      try {
        const { records } = await expectAllRecorded(store, result.answered);
        console.info(`[audit-faults] SIGTERM with PostgreSQL down: ${result.answered.length} answered calls, ${spooled} spooled at exit, ${records} records after the next start`);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
