import { type Kysely, sql } from "kysely";
import type { Database } from "../store/index.js";

export type CostGroupBy = "provider" | "model" | "virtualKey" | "apiKey" | "user" | `metadata.${string}`;
export type CostInterval = "hour" | "day" | "week" | "month";

export interface CostQuery {
  orgId: string;
  groupBy: CostGroupBy;
  interval: CostInterval;
  fromMs: number;
  toMs: number;
}

export interface CostBucket {
  /** Start of the interval, ISO 8601 UTC (weeks start on Monday). */
  bucket: string;
  /** The group's value; null for calls without one (no user header, say). */
  group: string | null;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costMicroUsd: number;
  /** Calls with usage but no known price: their cost is not in costMicroUsd. */
  unpricedRequests: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** SQL for the group's value; metadata keys were validated by the caller's schema. */
function groupExpression(groupBy: CostGroupBy, dialect: "sqlite" | "postgres") {
  switch (groupBy) {
    case "provider":
      return sql<string | null>`provider`;
    case "model":
      return sql<string | null>`coalesce(upstream_model, requested_model)`;
    case "virtualKey":
      return sql<string | null>`virtual_key`;
    case "apiKey":
      return sql<string | null>`api_key_id`;
    case "user":
      return sql<string | null>`user_id`;
    default: {
      const key = groupBy.slice("metadata.".length);
      if (!/^[a-z0-9_-]{1,64}$/.test(key)) throw new Error(`invalid metadata key ${key}`);
      return dialect === "sqlite" ? sql<string | null>`json_extract(metadata, ${`$."${key}"`})` : sql<string | null>`(metadata::jsonb ->> ${key})`;
    }
  }
}

/**
 * Spend by interval and group. The database sums per hour (for hourly series) or per UTC
 * day; days are folded into weeks and months here, since months have no fixed length.
 * One query text serves SQLite and PostgreSQL.
 */
export async function costSeries(db: Kysely<Database>, dialect: "sqlite" | "postgres", q: CostQuery): Promise<CostBucket[]> {
  const size = q.interval === "hour" ? HOUR : DAY;
  const group = groupExpression(q.groupBy, dialect);
  const rows = await sql<{ start: number; grp: string | null; requests: number; prompt: number; completion: number; cost: number; unpriced: number }>`
    select created_at - (created_at % ${size}) as start, ${group} as grp, count(*) as requests,
      cast(coalesce(sum(prompt_tokens), 0) as bigint) as prompt,
      cast(coalesce(sum(completion_tokens), 0) as bigint) as completion,
      cast(coalesce(sum(cost_micro_usd), 0) as bigint) as cost,
      cast(coalesce(sum(case when cost_micro_usd is null and prompt_tokens is not null then 1 else 0 end), 0) as bigint) as unpriced
    from audit_records
    where org_id = ${q.orgId} and created_at >= ${q.fromMs} and created_at < ${q.toMs}
    group by 1, 2`.execute(db);

  const buckets = new Map<string, CostBucket>();
  for (const r of rows.rows) {
    const start = intervalStart(Number(r.start), q.interval);
    const key = `${start}\u0000${r.grp ?? ""}\u0000${r.grp === null ? 1 : 0}`;
    let b = buckets.get(key);
    if (!b) {
      b = { bucket: new Date(start).toISOString(), group: r.grp, requests: 0, promptTokens: 0, completionTokens: 0, costMicroUsd: 0, unpricedRequests: 0 };
      buckets.set(key, b);
    }
    b.requests += Number(r.requests);
    b.promptTokens += Number(r.prompt);
    b.completionTokens += Number(r.completion);
    b.costMicroUsd += Number(r.cost);
    b.unpricedRequests += Number(r.unpriced);
  }
  return [...buckets.values()].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : (a.group ?? "") < (b.group ?? "") ? -1 : 1));
}

/** The UTC start of the interval holding `ms`. */
export function intervalStart(ms: number, interval: CostInterval): number {
  const d = new Date(ms);
  switch (interval) {
    case "hour":
      return ms - (ms % HOUR);
    case "day":
      return ms - (ms % DAY);
    case "week": {
      const day = ms - (ms % DAY);
      // getUTCDay: 0 is Sunday; weeks start on Monday.
      return day - ((d.getUTCDay() + 6) % 7) * DAY;
    }
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

export interface CostForecast {
  month: string;
  spentMicroUsd: number;
  dailyRateMicroUsd: number;
  projectedMicroUsd: number;
  daysElapsed: number;
  daysInMonth: number;
  method: string;
}

export const FORECAST_METHOD =
  "projected = spent so far this month + daily rate × days left (fractional). The daily rate is the mean of the last " +
  "complete UTC days of this month, at most 7; on a month's first day it is today's spend scaled to 24 hours.";

/** Month-end projection from this month's trend (UTC). */
export async function costForecast(db: Kysely<Database>, dialect: "sqlite" | "postgres", orgId: string, now = Date.now()): Promise<CostForecast> {
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const today = now - (now % DAY);
  const days = await costSeries(db, dialect, { orgId, groupBy: "provider", interval: "day", fromMs: monthStart, toMs: now + 1 });
  const byDay = new Map<number, number>();
  for (const b of days) byDay.set(Date.parse(b.bucket), (byDay.get(Date.parse(b.bucket)) ?? 0) + b.costMicroUsd);
  const spent = [...byDay.values()].reduce((a, b) => a + b, 0);

  const completeDays: number[] = [];
  for (let day = today - DAY; day >= monthStart && completeDays.length < 7; day -= DAY) completeDays.push(byDay.get(day) ?? 0);
  const hoursToday = Math.max((now - today) / HOUR, 1);
  const rate = completeDays.length > 0 ? completeDays.reduce((a, b) => a + b, 0) / completeDays.length : ((byDay.get(today) ?? 0) / hoursToday) * 24;
  const daysLeft = (monthEnd - now) / DAY;
  return {
    month: new Date(monthStart).toISOString().slice(0, 7),
    spentMicroUsd: spent,
    dailyRateMicroUsd: Math.round(rate),
    projectedMicroUsd: Math.round(spent + rate * daysLeft),
    daysElapsed: Math.round(((now - monthStart) / DAY) * 100) / 100,
    daysInMonth: Math.round((monthEnd - monthStart) / DAY),
    method: FORECAST_METHOD,
  };
}
