import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AdminEnv } from "../admin/services.js";
import type { ActiveApiKey } from "../snapshot/snapshot.js";
import { MemoryCircuitBreaker } from "./circuit-breaker.js";
import { LatencyStats } from "./latency-stats.js";
import { presentTargetHealth, targetHealthRoutes } from "./target-health.js";

const T0 = Date.parse("2026-05-01T10:00:00Z");
const OPENAI = "org_1|openai-prod|openai|gpt-4o";
const GROQ = "org_1|groq-prod|groq|llama-3.3-70b-versatile";
const FOREIGN = "org_2|openai-prod|openai|gpt-4o";

async function breakerWithHistory() {
  const breaker = new MemoryCircuitBreaker({ settings: { minRequests: 2 }, clock: () => T0 });
  await breaker.recordSuccess(GROQ);
  await breaker.recordSuccess(GROQ);
  await breaker.recordFailure(GROQ);
  await breaker.recordFailure(OPENAI);
  await breaker.recordFailure(OPENAI);
  await breaker.recordFailure(FOREIGN);
  return breaker;
}

describe("target health", () => {
  it("lists one organisation's targets, open ones first, with rates, times and latency", async () => {
    const latency = new LatencyStats({ clock: () => T0 });
    latency.record(GROQ, 180.4);
    const health = presentTargetHealth(await (await breakerWithHistory()).list(), "org_1", latency, T0);
    expect(health).toEqual([
      { virtualKey: "openai-prod", provider: "openai", model: "gpt-4o", state: "open", requests: 2, failures: 2, failureRate: 1, openedAt: "2026-05-01T10:00:00.000Z", halfOpenAt: "2026-05-01T10:00:30.000Z", latencyMs: null },
      { virtualKey: "groq-prod", provider: "groq", model: "llama-3.3-70b-versatile", state: "closed", requests: 3, failures: 1, failureRate: 0.333, openedAt: null, halfOpenAt: null, latencyMs: 180 },
    ]);
  });

  it("is served to the admin key's own organisation only", async () => {
    const app = new Hono<AdminEnv>();
    app.use("*", async (c, next) => {
      c.set("apiKey", { id: "key_admin", orgId: "org_2", role: "admin" } as ActiveApiKey);
      await next();
    });
    app.route("/api/health/targets", targetHealthRoutes(await breakerWithHistory()));
    const res = await app.request("/api/health/targets");
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toEqual({ data: [expect.objectContaining({ virtualKey: "openai-prod", state: "closed", requests: 1, failures: 1 })] });
  });
});
