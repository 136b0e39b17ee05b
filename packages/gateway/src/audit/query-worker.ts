import { parentPort, workerData } from "node:worker_threads";
import { type QueryJob, type StreamJob, openReadOnlySqlite } from "./query-context.js";
import { queryJobs, streamJobs } from "./query-jobs.js";
import type { FromQueryWorker, QueryWorkerData, ToQueryWorker } from "./query-protocol.js";

/**
 * The query worker: a thread of its own that runs registered read jobs on SQLite, each
 * over a read-only connection it opens for that job (WAL lets it read beside the gateway's
 * writer), so long scans never stall the gateway's event loop. Started by WorkerQueries.
 */

if (!parentPort) throw new Error("query-worker.js runs as a worker thread (see query-runner.ts)");
const port = parentPort;
const { file } = workerData as QueryWorkerData;

interface Flow {
  credit: number;
  cancelled: boolean;
  wake: (() => void) | null;
}
const flows = new Map<number, Flow>();

const post = (message: FromQueryWorker) => port.postMessage(message);
const failure = (id: number, err: unknown): FromQueryWorker => ({ kind: "error", id, message: err instanceof Error ? err.message : String(err) });

port.on("message", (msg: ToQueryWorker) => {
  if (msg.kind === "run") void run(msg.id, msg.job, msg.params);
  else if (msg.kind === "stream") void stream(msg.id, msg.job, msg.params, msg.credit);
  else {
    const flow = flows.get(msg.id);
    if (!flow) return;
    if (msg.kind === "credit") flow.credit += msg.n;
    else flow.cancelled = true;
    const wake = flow.wake;
    flow.wake = null;
    wake?.();
  }
});

async function run(id: number, name: string, params: unknown): Promise<void> {
  const job = (queryJobs as Record<string, QueryJob>)[name];
  if (!job) return post(failure(id, `no query job named "${name}"`));
  let ctx: ReturnType<typeof openReadOnlySqlite> | null = null;
  try {
    ctx = openReadOnlySqlite(file);
    post({ kind: "result", id, value: await job(ctx, params) });
  } catch (err) {
    post(failure(id, err));
  } finally {
    await ctx?.close();
  }
}

/** Sends a chunk only while it has credit: the consumer's pace sets the job's. */
async function stream(id: number, name: string, params: unknown, credit: number): Promise<void> {
  const job = (streamJobs as Record<string, StreamJob>)[name];
  if (!job) return post(failure(id, `no stream job named "${name}"`));
  const flow: Flow = { credit, cancelled: false, wake: null };
  flows.set(id, flow);
  let ctx: ReturnType<typeof openReadOnlySqlite> | null = null;
  let chunks: AsyncIterator<unknown> | null = null;
  try {
    ctx = openReadOnlySqlite(file);
    chunks = job(ctx, params)[Symbol.asyncIterator]();
    for (;;) {
      while (flow.credit <= 0 && !flow.cancelled) await new Promise<void>((resolve) => (flow.wake = resolve));
      if (flow.cancelled) break;
      const next = await chunks.next();
      if (next.done) {
        post({ kind: "end", id });
        break;
      }
      if (flow.cancelled) break;
      flow.credit--;
      post({ kind: "chunk", id, value: next.value });
    }
  } catch (err) {
    post(failure(id, err));
  } finally {
    flows.delete(id);
    // Ends the job's generator early when cancelled (its finally releases the snapshot).
    await chunks?.return?.().catch(() => {});
    await ctx?.close();
  }
}
