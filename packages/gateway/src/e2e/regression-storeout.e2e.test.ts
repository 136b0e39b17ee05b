import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, createRoute, mockKey, postChat } from "../testing/routing-support.js";
import { MemoryResponseCache } from "../routing/response-cache.js";
import { MemoryCircuitBreaker } from "../routing/circuit-breaker.js";

describe("shared store outage", () => {
  let t: TestGateway;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("rev");
    await mockKey(t, "ok");
    await createRoute(t, { name: "c", strategy: "fallback", cache: { ttlSeconds: 60 }, targets: [{ virtualKey: "ok", model: "gpt-4o-mini" }] });
  });
  afterAll(async () => { await t?.close(); });

  it("a cache or breaker read error counts as a miss or a closed breaker, not a 500", async () => {
    const g = MemoryResponseCache.prototype.get;
    MemoryResponseCache.prototype.get = async () => { throw new Error("ECONNRESET redis"); };
    const a = await postChat(t, apiKey, { model: "@route:c", messages: ask("x") });
    MemoryResponseCache.prototype.get = g;
    const s = MemoryCircuitBreaker.prototype.states;
    MemoryCircuitBreaker.prototype.states = async () => { throw new Error("ECONNRESET redis"); };
    const b = await postChat(t, apiKey, { model: "gpt-4o-mini", messages: ask("x") });
    MemoryCircuitBreaker.prototype.states = s;
    expect(a.status).toBe(200);
  });
});
