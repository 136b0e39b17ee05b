import { type CostBucket, type CostForecast, costForecast, type CostQuery, costSeries } from "./cost-analytics.js";
import type { QueryContext } from "./query-context.js";

/** Spend series as a query job: on SQLite it runs in the query worker, off the event loop. */
export function costSeriesJob(ctx: QueryContext, params: CostQuery): Promise<CostBucket[]> {
  return costSeries(ctx.db, ctx.dialect, params);
}

export function costForecastJob(ctx: QueryContext, params: { orgId: string; now: number }): Promise<CostForecast> {
  return costForecast(ctx.db, ctx.dialect, params.orgId, params.now);
}
