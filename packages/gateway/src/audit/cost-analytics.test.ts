import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../lib/ids.js";
import { type NewAuditRow, Store } from "../store/index.js";
import { createScratchDatabase } from "../testing/postgres.js";
import { costForecast, costSeries, intervalStart } from "./cost-analytics.js";

const ORG = "org_costs";
const T0 = Date.UTC(2026, 9, 28, 22, 30); // Wednesday 28 October 2026, 22:30 UTC

function rows(): NewAuditRow[] {
  const out: NewAuditRow[] = [];
  // 400 calls over ~10 days, every 37 minutes, across providers, users and teams; some unpriced.
  for (let i = 0; i < 400; i++) {
    const at = T0 + i * 37 * 60_000;
    const priced = i % 9 !== 0;
    out.push({
      id: newId("req", at), org_id: ORG, created_at: at, api_key_id: `key_${i % 2}`, virtual_key: i % 3 ? "openai-prod" : "groq-dev",
      provider: i % 3 ? "openai" : "groq", endpoint: "chat.completions", requested_model: "@x/m", upstream_model: i % 4 ? "gpt-4o-mini" : "gpt-4o",
      user_id: i % 5 === 0 ? null : `user-${i % 5}`, trace_id: null, metadata: JSON.stringify({ team: i % 2 ? "search" : "ads" }),
      status_code: 200, outcome: "success", prompt_tokens: 100 + i, completion_tokens: 10 + (i % 7), cached_tokens: 0, reasoning_tokens: 0,
      cost_micro_usd: priced ? 1000 + i * 13 : null, latency_ms: 10, ttft_ms: null, streamed: 0, error_type: null, error_message: null,
    });
  }
  // Another organisation's calls must never be counted.
  out.push({ ...out[0]!, id: newId("req", T0), org_id: "org_other", cost_micro_usd: 999_999 });
  return out;
}

const dialects = [
  {
    name: "sqlite" as const,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-costs-"));
      return { store: await Store.open({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres" as const,
    async open() {
      const scratch = await createScratchDatabase();
      return { store: await Store.open({ databaseUrl: scratch.url, dataDir: "/nonexistent" }), cleanup: () => scratch.drop() };
    },
  },
];

describe.each(dialects)("cost analytics on $name", ({ name, open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const data = rows();
  const mine = data.filter((r) => r.org_id === ORG);
  const sum = (rs: NewAuditRow[]) => rs.reduce((s, r) => s + (r.cost_micro_usd ?? 0), 0);

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    await store.audit.insertMany(data);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  const series = (groupBy: any, interval: any, fromMs = T0 - 86_400_000, toMs = T0 + 30 * 86_400_000) =>
    costSeries(store.connection.db, name, { orgId: ORG, groupBy, interval, fromMs, toMs });

  it.each(["hour", "day", "week", "month"] as const)("sums to exactly the records' total by %s", async (interval) => {
    const buckets = await series("provider", interval);
    expect(buckets.reduce((s, b) => s + b.costMicroUsd, 0)).toBe(sum(mine));
    expect(buckets.reduce((s, b) => s + b.requests, 0)).toBe(mine.length);
    expect(buckets.reduce((s, b) => s + b.promptTokens, 0)).toBe(mine.reduce((s, r) => s + r.prompt_tokens!, 0));
    expect(buckets.reduce((s, b) => s + b.unpricedRequests, 0)).toBe(mine.filter((r) => r.cost_micro_usd === null).length);
    for (const b of buckets) expect(intervalStart(Date.parse(b.bucket), interval)).toBe(Date.parse(b.bucket));
  });

  it("groups each way and matches a hand count", async () => {
    const byModel = await series("model", "month");
    expect(byModel.filter((b) => b.group === "gpt-4o").reduce((s, b) => s + b.costMicroUsd, 0)).toBe(sum(mine.filter((r) => r.upstream_model === "gpt-4o")));
    for (const [groupBy, field] of [["provider", "provider"], ["virtualKey", "virtual_key"], ["apiKey", "api_key_id"], ["user", "user_id"]] as const) {
      const buckets = await series(groupBy, "month");
      const groups = new Set(mine.map((r) => (r as any)[field] as string | null));
      for (const g of groups) {
        const expected = sum(mine.filter((r) => (r as any)[field] === g));
        expect(buckets.filter((b) => b.group === g).reduce((s, b) => s + b.costMicroUsd, 0), `${groupBy}=${g}`).toBe(expected);
      }
    }
    const byTeam = await series("metadata.team", "week");
    expect(byTeam.filter((b) => b.group === "search").reduce((s, b) => s + b.costMicroUsd, 0)).toBe(sum(mine.filter((r) => r.metadata!.includes('"search"'))));
  });

  it("starts weeks on Monday and months on the 1st, in UTC", async () => {
    const weeks = [...new Set((await series("provider", "week")).map((b) => b.bucket))];
    expect(weeks[0]).toBe("2026-10-26T00:00:00.000Z");
    expect(weeks.every((w) => new Date(w).getUTCDay() === 1)).toBe(true);
    const months = [...new Set((await series("provider", "month")).map((b) => b.bucket))];
    expect(months).toEqual(["2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z"]);
  });

  it("honours the from/to window", async () => {
    const from = T0 + 86_400_000;
    const to = T0 + 3 * 86_400_000;
    const buckets = await series("provider", "day", from, to);
    expect(buckets.reduce((s, b) => s + b.costMicroUsd, 0)).toBe(sum(mine.filter((r) => r.created_at >= from && r.created_at < to)));
  });

  it("projects the month's end from the recent daily rate", async () => {
    const now = Date.UTC(2026, 10, 5, 12); // 5 November, noon
    const f = await costForecast(store.connection.db, name, ORG, now);
    const novStart = Date.UTC(2026, 10, 1);
    const spent = sum(mine.filter((r) => r.created_at >= novStart && r.created_at <= now));
    expect(f).toMatchObject({ month: "2026-11", spentMicroUsd: spent, daysInMonth: 30, daysElapsed: 4.5 });
    const complete = [1, 2, 3, 4].map((d) => sum(mine.filter((r) => r.created_at >= Date.UTC(2026, 10, d) && r.created_at < Date.UTC(2026, 10, d + 1))));
    const rate = complete.reduce((a, b) => a + b, 0) / 4;
    expect(f.dailyRateMicroUsd).toBe(Math.round(rate));
    expect(f.projectedMicroUsd).toBe(Math.round(spent + rate * 25.5));
    expect(f.method).toMatch(/daily rate/);
  });
});
