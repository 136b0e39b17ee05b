import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/harness.js";

describe("GET /v1/providers", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("lists the registry and marks the providers this organisation has a virtual key for", async () => {
    await t.virtualKey("groq-prod", { provider: "groq" });
    const key = await t.apiKey("providers");
    const res = await t.admin("GET", "/v1/providers", undefined, key);
    expect(res.status).toBe(200);
    const bySlug = new Map(res.body.data.map((p: any) => [p.slug, p]));
    expect(bySlug.size).toBeGreaterThanOrEqual(60);
    expect(bySlug.get("groq")).toMatchObject({ name: expect.any(String), baseUrl: "https://api.groq.com/openai/v1", authStyle: "bearer", configured: true, available: true });
    expect(bySlug.get("openai")).toMatchObject({ configured: false, supportedEndpoints: expect.arrayContaining(["chat.completions"]) });
    expect(bySlug.get("demo")).toMatchObject({ configured: true });
    expect(bySlug.get("ollama")).toMatchObject({ baseUrl: null });
    expect((await t.admin("GET", "/v1/providers", undefined, "nope")).status).toBe(401);
  });

  it("refuses a virtual key for a provider whose dialect the gateway cannot translate yet", async () => {
    const providers = (await t.admin("GET", "/v1/providers")).body.data;
    const pending = providers.find((p: any) => !p.available);
    expect(pending, "some provider awaits its dialect").toBeDefined();
    const res = await t.admin("POST", "/api/virtual-keys", { slug: "not-yet", provider: pending.slug, apiKey: "k", customBaseUrl: "https://example.com" });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "dialect_not_available", param: "provider" });
  });
});
