import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../store/index.js";
import { createScratchDatabase } from "../testing/postgres.js";
import { exportAuditTrail } from "./export.js";
import type { QueryContext } from "./query-context.js";
import { closeQueryRunner, InProcessQueries, queryRunnerFor, STREAM_WINDOW, WorkerQueries } from "./query-runner.js";
import { verifyAuditTrail } from "./verify.js";
import { writeChain } from "./verify-fixtures.js";

// These run the compiled worker from dist/: `npm test` builds first (see queryWorkerUrl).

/** The longest the main thread went without running a 2 ms timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 2);
  try {
    const value = await work();
    // Work that never yields to the timer leaves its whole length as the last gap.
    return { value, stallMs: Math.max(stallMs, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe("read jobs in the SQLite query worker", () => {
  let dir: string;
  let store: Store;
  let runner: WorkerQueries;
  let inProcess: QueryContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "igris-query-worker-"));
    store = await Store.open({ dataDir: dir });
    await writeChain(store, 300, { contentEvery: 7, startMs: 1_700_000_000_000 });
    await writeChain(store, 40, { startMs: 1_700_000_100_000 });
    runner = new WorkerQueries(store.connection.sqlite!.name);
    inProcess = { db: store.connection.db, dialect: "sqlite" };
  });

  afterAll(async () => {
    await runner?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers verify and export exactly as the jobs do in process", async () => {
    expect(await runner.verify()).toEqual(await verifyAuditTrail(inProcess));
    expect(await runner.verify()).toEqual({ status: "intact", chains: 2, checked: 340 });
    for (const format of ["csv", "jsonl"] as const) {
      const options = { format, orgId: "org_default", pageSize: 50, chunkChars: 4096 };
      expect(await text(runner.exportChunks(options))).toBe(await text(exportAuditTrail(inProcess, options)));
    }
  });

  it("never runs more than its window ahead of a slow reader, and stops when the reader does", async () => {
    const chunks = runner.exportChunks({ format: "jsonl", orgId: "org_default", pageSize: 10, chunkChars: 200 })[Symbol.asyncIterator]();
    expect((await chunks.next()).done).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(runner.bufferedChunks).toBeLessThanOrEqual(STREAM_WINDOW);
    expect(runner.bufferedChunks).toBeGreaterThan(0);
    await chunks.return?.(undefined);
    expect(runner.active).toBe(0);
    expect(runner.bufferedChunks).toBe(0);
    expect((await runner.verify()).status).toBe("intact");
  });

  it("keeps the main thread free while it reads and hashes", async () => {
    await writeChain(store, 40_000, { batch: 2000, startMs: 1_700_000_200_000 });
    // In process, better-sqlite3 answers synchronously and Kysely resolves through microtasks:
    // the whole verification is one stretch without a timer. In the worker, the main thread only waits.
    const here = await longestStall(() => verifyAuditTrail(inProcess));
    const off = await longestStall(() => runner.verify());
    expect(off.value).toEqual(here.value);
    expect(off.stallMs).toBeLessThan(100);
    expect(here.stallMs).toBeGreaterThan(4 * off.stallMs);
  });

  it("reports a failing job and keeps serving, and starts a new worker if its worker dies", async () => {
    await expect(runner.run("no.such.job" as "audit.verify", {})).rejects.toThrow('no query job named "no.such.job"');
    await (runner as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect((await runner.verify()).status).toBe("intact");
  });

  it("refuses jobs once closed", async () => {
    const closing = new WorkerQueries(store.connection.sqlite!.name);
    expect((await closing.verify()).status).toBe("intact");
    await closing.close();
    await expect(closing.verify()).rejects.toThrow("closed");
  });
});

describe("the query runner of a store", () => {
  it("is a worker on SQLite and the pool in process on PostgreSQL, one per store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igris-query-runner-"));
    const scratch = await createScratchDatabase();
    const sqlite = await Store.open({ dataDir: dir });
    const pg = await Store.open({ databaseUrl: scratch.url, dataDir: "/nonexistent" });
    try {
      expect(queryRunnerFor(sqlite)).toBeInstanceOf(WorkerQueries);
      expect(queryRunnerFor(sqlite)).toBe(queryRunnerFor(sqlite));
      expect(queryRunnerFor(pg)).toBeInstanceOf(InProcessQueries);
      await writeChain(pg, 5);
      expect(await queryRunnerFor(pg).verify()).toEqual({ status: "intact", chains: 1, checked: 5 });
      expect(await queryRunnerFor(sqlite).verify()).toEqual({ status: "intact", chains: 0, checked: 0 });
    } finally {
      await closeQueryRunner(sqlite);
      await closeQueryRunner(pg);
      await sqlite.close();
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    }
  });
});
