import { Hono } from "hono";
import { z } from "zod";
import { formatUsd } from "../catalog/cost.js";
import type { CostBucket, CostGroupBy } from "../audit/cost-analytics.js";
import { queryRunnerFor } from "../audit/query-runner.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { instant, parseWith } from "./validate.js";

const DAY = 86_400_000;
const CostsQuery = z
  .object({
    groupBy: z
      .string()
      .regex(/^(provider|model|virtualKey|apiKey|user|metadata\.[a-z0-9_-]{1,64})$/, "must be provider, model, virtualKey, apiKey, user or metadata.<key>")
      .default("provider"),
    interval: z.enum(["hour", "day", "week", "month"]).default("day"),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict();

function present(b: CostBucket) {
  return { ...b, costUsd: formatUsd(b.costMicroUsd) };
}

/** Spend analytics over the audit trail: series by interval and group, and a month-end forecast. */
export function costRoutes({ store }: AdminServices) {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => {
    const q = parseWith(CostsQuery, c.req.query());
    const toMs = q.to ?? Date.now() + 1;
    const fromMs = q.from ?? toMs - 30 * DAY;
    const params = { orgId: c.get("apiKey").orgId, groupBy: q.groupBy as CostGroupBy, interval: q.interval, fromMs, toMs };
    // With SQLite this runs in the query worker: an analytics query never stalls the data plane.
    const data = await queryRunnerFor(store).run("cost.series", params);
    const totals = data.reduce(
      (t, b) => ({ requests: t.requests + b.requests, costMicroUsd: t.costMicroUsd + b.costMicroUsd, unpricedRequests: t.unpricedRequests + b.unpricedRequests }),
      { requests: 0, costMicroUsd: 0, unpricedRequests: 0 },
    );
    return c.json({
      groupBy: q.groupBy,
      interval: q.interval,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      data: data.map(present),
      totals: { ...totals, costUsd: formatUsd(totals.costMicroUsd) },
    });
  });

  app.get("/forecast", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const f = await queryRunnerFor(store).run("cost.forecast", { orgId, now: Date.now() });
    return c.json({ ...f, spentUsd: formatUsd(f.spentMicroUsd), dailyRateUsd: formatUsd(f.dailyRateMicroUsd), projectedUsd: formatUsd(f.projectedMicroUsd) });
  });

  return app;
}
