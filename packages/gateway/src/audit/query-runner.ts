import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Store } from "../store/index.js";
import type { ExportOptions } from "./export-options.js";
import type { QueryContext, QueryJob, StreamJob } from "./query-context.js";
import {
  type QueryJobName,
  type QueryJobParams,
  type QueryJobResult,
  queryJobs,
  type StreamJobChunk,
  type StreamJobName,
  type StreamJobParams,
  streamJobs,
} from "./query-jobs.js";
import type { FromQueryWorker, QueryWorkerData, ToQueryWorker } from "./query-protocol.js";
import type { VerifyOptions, VerifyResult } from "./verify-result.js";

/** Runs the registered read jobs (query-jobs.ts) without blocking the gateway's event loop. */
export interface QueryRunner {
  run<N extends QueryJobName>(job: N, params: QueryJobParams<N>): Promise<QueryJobResult<N>>;
  /** A stream job's chunks; stop iterating (break, return) to cancel it. */
  stream<N extends StreamJobName>(job: N, params: StreamJobParams<N>): AsyncIterable<StreamJobChunk<N>>;
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /** The export's text, chunk by chunk. */
  exportChunks(options: ExportOptions): AsyncIterable<string>;
  /** Stops the worker, if any; jobs still running fail. */
  close(): Promise<void>;
}

abstract class Runner implements QueryRunner {
  abstract run<N extends QueryJobName>(job: N, params: QueryJobParams<N>): Promise<QueryJobResult<N>>;
  abstract stream<N extends StreamJobName>(job: N, params: StreamJobParams<N>): AsyncIterable<StreamJobChunk<N>>;
  abstract close(): Promise<void>;

  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return this.run("audit.verify", options);
  }

  exportChunks(options: ExportOptions): AsyncIterable<string> {
    return this.stream("audit.export", options);
  }
}

/**
 * Jobs on the calling thread. For PostgreSQL: queries go through the async pool, and
 * the CPU work between them comes in page-sized slices. Also the CLI's runner.
 */
export class InProcessQueries extends Runner {
  constructor(private readonly ctx: QueryContext) {
    super();
  }

  run<N extends QueryJobName>(job: N, params: QueryJobParams<N>): Promise<QueryJobResult<N>> {
    return (queryJobs[job] as QueryJob)(this.ctx, params);
  }

  stream<N extends StreamJobName>(job: N, params: StreamJobParams<N>): AsyncIterable<StreamJobChunk<N>> {
    return (streamJobs[job] as StreamJob)(this.ctx, params);
  }

  async close(): Promise<void> {}
}

/** Chunks a stream may have in flight or waiting: a slow consumer holds the worker back after this many. */
export const STREAM_WINDOW = 2;

interface Pending {
  onMessage(message: FromQueryWorker): void;
  fail(err: Error): void;
}

/**
 * Jobs in a worker thread over the SQLite file (query-worker.ts). The worker starts on
 * the first job, is held open (ref'd) only while jobs run, and is started again if it dies.
 */
export class WorkerQueries extends Runner {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private waiting = 0;

  constructor(
    private readonly file: string,
    private readonly workerUrl: URL = queryWorkerUrl(),
  ) {
    super();
  }

  /** Chunks received from the worker and not yet taken by their consumers (at most STREAM_WINDOW per stream). */
  get bufferedChunks(): number {
    return this.waiting;
  }

  /** Jobs and streams under way. */
  get active(): number {
    return this.pending.size;
  }

  run<N extends QueryJobName>(job: N, params: QueryJobParams<N>): Promise<QueryJobResult<N>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.start(id, { kind: "run", id, job, params }, {
        onMessage: (m) => {
          if (m.kind === "result") {
            this.finish(id);
            resolve(m.value as QueryJobResult<N>);
          } else if (m.kind === "error") {
            this.finish(id);
            reject(new Error(m.message));
          }
        },
        fail: (err) => {
          this.finish(id);
          reject(err);
        },
      });
    });
  }

  async *stream<N extends StreamJobName>(job: N, params: StreamJobParams<N>): AsyncGenerator<StreamJobChunk<N>> {
    const id = this.nextId++;
    const st = { chunks: [] as StreamJobChunk<N>[], ended: false, failure: null as Error | null, wake: null as (() => void) | null };
    const notify = () => {
      const wake = st.wake;
      st.wake = null;
      wake?.();
    };
    this.start(id, { kind: "stream", id, job, params, credit: STREAM_WINDOW }, {
      onMessage: (m) => {
        if (m.kind === "chunk") {
          st.chunks.push(m.value as StreamJobChunk<N>);
          this.waiting++;
        } else if (m.kind === "end") st.ended = true;
        else if (m.kind === "error") st.failure = new Error(m.message);
        notify();
      },
      fail: (err) => {
        st.failure = err;
        notify();
      },
    });
    try {
      for (;;) {
        if (st.chunks.length > 0) {
          const chunk = st.chunks.shift()!;
          this.waiting--;
          this.post({ kind: "credit", id, n: 1 });
          yield chunk;
        } else if (st.failure) throw st.failure;
        else if (st.ended) return;
        else await new Promise<void>((resolve) => (st.wake = resolve));
      }
    } finally {
      this.waiting -= st.chunks.length;
      if (!st.ended && !st.failure) this.post({ kind: "cancel", id });
      this.finish(id);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error("the query runner was closed"));
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(id: number, message: ToQueryWorker, pending: Pending): void {
    if (this.closed) return pending.fail(new Error("the query runner was closed"));
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      return pending.fail(err as Error);
    }
    this.pending.set(id, pending);
    if (this.pending.size === 1) worker.ref();
    worker.postMessage(message);
  }

  private finish(id: number): void {
    if (!this.pending.delete(id)) return;
    if (this.pending.size === 0) this.worker?.unref();
  }

  private post(message: ToQueryWorker): void {
    this.worker?.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(fileURLToPath(this.workerUrl))) {
      throw new Error(`the query worker is not built (${fileURLToPath(this.workerUrl)} is missing): run npm run build`);
    }
    const workerData: QueryWorkerData = { file: this.file };
    const worker = new Worker(this.workerUrl, { workerData, name: "igris-query" });
    worker.on("message", (m: FromQueryWorker) => this.pending.get(m.id)?.onMessage(m));
    worker.on("error", (err) => this.failAll(err));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error(`the query worker stopped (exit code ${code})`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const pending of [...this.pending.values()]) pending.fail(err);
  }
}

/**
 * The compiled worker beside this module. Under vitest this module runs from its .ts
 * source and Node 20 cannot start a TypeScript worker, so tests use the one in dist/
 * (`npm test` builds first; after editing a job, `npm run build` before `npx vitest`).
 */
export function queryWorkerUrl(): URL {
  if (import.meta.url.endsWith(".ts")) return new URL("../../dist/audit/query-worker.js", import.meta.url);
  return new URL("./query-worker.js", import.meta.url);
}

const runners = new WeakMap<Store, QueryRunner>();

/**
 * The store's one query runner, made on first use: a worker over the SQLite file, or the
 * PostgreSQL pool in process. Close it with closeQueryRunner before closing the store.
 */
export function queryRunnerFor(store: Store): QueryRunner {
  let runner = runners.get(store);
  if (!runner) {
    const { sqlite, db, dialect } = store.connection;
    runner = sqlite ? new WorkerQueries(sqlite.name) : new InProcessQueries({ db, dialect });
    runners.set(store, runner);
  }
  return runner;
}

/** Terminates the store's query worker, if one was started. */
export async function closeQueryRunner(store: Store): Promise<void> {
  const runner = runners.get(store);
  runners.delete(store);
  await runner?.close();
}
