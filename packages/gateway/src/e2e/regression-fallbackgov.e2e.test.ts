import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, callsTo, createRoute, mockKey, postChat } from "../testing/routing-support.js";

describe("governance on fallback", () => {
  let t: TestGateway;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("rev");
    await mockKey(t, "down", "status=503");
    await mockKey(t, "guarded");
    const res = await t.admin("PUT", "/api/policies/virtual-keys/guarded", { rules: [{ id: "no-pii", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["email"], action: "deny" } }] });
    expect(res.status, res.text).toBe(200);
    await createRoute(t, { name: "fb", strategy: "fallback", retry: { attempts: 0 }, targets: [{ virtualKey: "down", model: "gpt-4o-mini" }, { virtualKey: "guarded", model: "gpt-4o-mini" }] });
  });
  afterAll(async () => { await t?.close(); });

  it("a fallback target decided by another policy rule is not used, so its guards are never skipped", async () => {
    const direct = await postChat(t, apiKey, { model: "@guarded/gpt-4o-mini", messages: ask("mail me at jane.doe@example.com") });
    const viaRoute = await postChat(t, apiKey, { model: "@route:fb", messages: ask("mail me at jane.doe@example.com") });
    const sent = callsTo(t, "guarded").map((r: any) => JSON.stringify(r.body)).filter((b: string) => b.includes("jane.doe@example.com"));
    const rec = await auditRecord(t, viaRoute.headers.get("x-igris-request-id")!);
    expect(sent).toHaveLength(0);
  });
});
