import { Hono } from "hono";
import type { AdminEnv } from "../admin/services.js";
import type { BreakerStatus, CircuitBreaker } from "./breaker-types.js";
import type { LatencyStats } from "./latency-stats.js";
import { parseTargetKey } from "./target-key.js";

export interface TargetHealth {
  virtualKey: string;
  provider: string;
  model: string;
  state: BreakerStatus["state"];
  requests: number;
  failures: number;
  /** failures / requests in the current window, 0 with no calls. */
  failureRate: number;
  openedAt: string | null;
  halfOpenAt: string | null;
  /** This instance's recent average latency, or null without a recent sample. */
  latencyMs: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One organisation's targets, worst first (open, half open, closed), then by name. */
export function presentTargetHealth(statuses: readonly BreakerStatus[], orgId: string, latency?: LatencyStats, now = Date.now()): TargetHealth[] {
  const rank = { open: 0, half_open: 1, closed: 2 } as const;
  return statuses
    .flatMap((s) => {
      const target = parseTargetKey(s.key);
      if (!target || target.orgId !== orgId) return [];
      const average = latency?.get(s.key, now);
      return [
        {
          virtualKey: target.virtualKey,
          provider: target.provider,
          model: target.model,
          state: s.state,
          requests: s.requests,
          failures: s.failures,
          failureRate: s.requests === 0 ? 0 : Math.round((s.failures / s.requests) * 1000) / 1000,
          openedAt: iso(s.openedAt),
          halfOpenAt: iso(s.halfOpenAt),
          latencyMs: average === undefined ? null : Math.round(average),
        },
      ];
    })
    .sort((a, b) => rank[a.state] - rank[b.state] || `${a.virtualKey}/${a.model}`.localeCompare(`${b.virtualKey}/${b.model}`));
}

/** `GET /api/health/targets`: mount with `app.route("/api/health/targets", targetHealthRoutes(breaker, latency))`. */
export function targetHealthRoutes(breaker: CircuitBreaker, latency?: LatencyStats) {
  const app = new Hono<AdminEnv>();
  app.get("/", async (c) => c.json({ data: presentTargetHealth(await breaker.list(), c.get("apiKey").orgId, latency) }));
  return app;
}
