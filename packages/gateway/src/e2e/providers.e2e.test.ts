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
    expect(bySlug.get("groq")).toMatchObject({ name: expect.any(String), baseUrl: "https://api.groq.com/openai/v1", authStyle: "bearer", configured: true });
    expect(bySlug.get("openai")).toMatchObject({ configured: false, supportedEndpoints: expect.arrayContaining(["chat.completions"]) });
    expect(bySlug.get("demo")).toMatchObject({ configured: true });
    expect(bySlug.get("ollama")).toMatchObject({ baseUrl: null });
    expect((await t.admin("GET", "/v1/providers", undefined, "nope")).status).toBe(401);
  });

  it("takes a virtual key for every listed provider, each dialect translated", async () => {
    const providers = (await t.admin("GET", "/v1/providers")).body.data;
    for (const [n, p] of providers.entries()) {
      const res = await t.admin("POST", "/api/virtual-keys", { slug: `every-${n}`, provider: p.slug, apiKey: "k", ...(p.baseUrl ? {} : { customBaseUrl: "https://example.com" }) });
      expect(res.status, `${p.slug}: ${res.text}`).toBe(201);
    }
  });
});
