import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, createRoute, postChat } from "../testing/routing-support.js";

describe("cache", () => {
  let t: TestGateway;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("rev");
    await t.virtualKey("holiday", { directives: "fixture=openai/vercel-openai-text" });
    await createRoute(t, { name: "cached", strategy: "fallback", cache: { ttlSeconds: 600 }, targets: [{ virtualKey: "holiday", model: "gpt-4.1-nano" }] });
  });
  afterAll(async () => { await t?.close(); });

  it("a response guard reads every answer: its calls are never served from the cache", async () => {
    const first = await postChat(t, apiKey, { model: "@route:cached", messages: ask("Invent a holiday") });
    const res = await t.admin("PUT", "/api/policies", { defaultAction: "allow", customDetectors: {}, rules: [{ id: "guard", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["keyword:galaxy*"], action: "deny", inspectResponse: true } }] });
    expect(res.status, res.text).toBe(200);
    const hit = await postChat(t, apiKey, { model: "@route:cached", messages: ask("Invent a holiday") });
    const miss = await postChat(t, apiKey, { model: "@route:cached", messages: ask("Invent a holiday") }, { "cache-control": "no-cache" });
    expect(hit.status).toBe(403);
  });
});
