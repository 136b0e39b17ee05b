import { costForecastJob, costSeriesJob } from "./cost-jobs.js";
import { exportAuditTrail } from "./export.js";
import type { QueryJob, StreamJob } from "./query-context.js";
import { verifyAuditTrail } from "./verify.js";

/**
 * The read jobs a QueryRunner can run: on SQLite in the query worker (its own read-only
 * connection, off the gateway's event loop), on PostgreSQL on the main thread through the
 * pool. One implementation each, written against `QueryContext` (Kysely over either database).
 *
 * To add one:
 *   1. write it in a file of its own, exporting
 *      `async function costByDay(ctx: QueryContext, params: CostByDayParams): Promise<CostByDay[]>`
 *      (params and result must be structured-cloneable: they cross threads);
 *   2. register it below under a dotted name, `"cost.byDay": costByDay`;
 *   3. call it: `await queryRunnerFor(store).run("cost.byDay", params)` — typed from this table;
 *   4. `npm run build`: the worker runs the compiled registry in dist/.
 * A job that answers in chunks (an export) is an async generator and goes in `streamJobs`.
 */
export const queryJobs = {
  "audit.verify": verifyAuditTrail,
  "cost.series": costSeriesJob,
  "cost.forecast": costForecastJob,
} satisfies Record<string, QueryJob>;

export const streamJobs = {
  "audit.export": exportAuditTrail,
} satisfies Record<string, StreamJob>;

export type QueryJobName = keyof typeof queryJobs;
export type QueryJobParams<N extends QueryJobName> = Parameters<(typeof queryJobs)[N]>[1];
export type QueryJobResult<N extends QueryJobName> = Awaited<ReturnType<(typeof queryJobs)[N]>>;

export type StreamJobName = keyof typeof streamJobs;
export type StreamJobParams<N extends StreamJobName> = Parameters<(typeof streamJobs)[N]>[1];
export type StreamJobChunk<N extends StreamJobName> = ReturnType<(typeof streamJobs)[N]> extends AsyncIterable<infer C> ? C : never;
