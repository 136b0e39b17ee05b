import { request } from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway, TEST_ADMIN_KEY } from "../testing/harness.js";

const ask = (content: string) => [{ role: "user" as const, content }];

/** Reads a whole response with its trailers, which fetch does not expose. */
function withTrailers(url: string, body: unknown): Promise<{ status: number; headers: Record<string, unknown>; trailers: Record<string, string | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, trailers: res.trailers, text }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

describe("cost on every answer", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("cost"));
    await t.virtualKey("holiday", { directives: "fixture=openai/vercel-openai-text" });
    await t.virtualKey("holiday-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
    await t.virtualKey("local", { provider: "openai-compatible" });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("adds provider and cost metadata to non-streaming answers, and the cost header", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") }).withResponse();
    // 16 × $0.10/M = 1.6 → 2 µUSD; 363 × $0.40/M = 145.2 → 145 µUSD.
    expect((data as any).metadata).toEqual({
      provider: "openai",
      cost_usd: "0.000147",
      cost_breakdown: { input_tokens: 16, output_tokens: 363, input_cost: "0.000002", output_cost: "0.000145" },
    });
    expect(response.headers.get("x-igris-cost-usd")).toBe("0.000147");
    expect(data.choices[0]!.message.content).toMatch(/^\*\*Holiday Name:\*\* Galaxy Day/);
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ costMicroUsd: 147, costUsd: "0.000147" });
  });

  it("leaves the metadata out when the organisation turns it off", async () => {
    expect((await t.admin("PATCH", "/api/organisation", { responseMetadata: false })).body.responseMetadata).toBe(false);
    const reply = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") });
    expect((reply as any).metadata).toBeUndefined();
    expect((await t.admin("PATCH", "/api/organisation", { responseMetadata: true })).body.responseMetadata).toBe(true);
    expect((await t.admin("PATCH", "/api/organisation", { responseMetadata: "yes" })).status).toBe(422);
  });

  it("says the cost is unknown, never 0, for a model without a price", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "@local/my-own-model", messages: ask("hi") }).withResponse();
    expect(response.headers.get("x-igris-cost-usd")).toBe("unknown");
    expect((data as any).metadata).toMatchObject({ provider: "openai-compatible", cost_usd: null });
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record.costMicroUsd).toBeNull();
    expect(record.usage.promptTokens).toBeGreaterThan(0);
  });

  it("sends a stream's cost as a trailer once it is known", async () => {
    const res = await withTrailers(`${t.url}/v1/chat/completions`, { model: "@holiday-stream/gpt-4.1-nano", stream: true, messages: ask("Invent a holiday") });
    expect(res.status).toBe(200);
    expect(res.headers.trailer).toBe("x-igris-cost-usd");
    // 16 × 0.10 = 1.6 → 2; 300 × 0.40 = 120.
    expect(res.trailers["x-igris-cost-usd"]).toBe("0.000122");
    expect(res.text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("answers refusals with a zero cost", async () => {
    const err = await openai.chat.completions.create({ model: "@nope/m", messages: ask("hi") }).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.headers.get("x-igris-cost-usd")).toBe("0.000000");
  });
});

describe("GET /v1/models", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("lists the catalogue in OpenAI's shape with prices, capabilities and filters", async () => {
    const openai = t.client(await t.apiKey("models"));
    const models = [];
    for await (const m of openai.models.list()) models.push(m as any);
    expect(models.length).toBeGreaterThan(0);
    const gpt4o = models.find((m) => m.id === "openai/gpt-4o");
    expect(gpt4o).toMatchObject({
      object: "model",
      owned_by: "openai",
      provider_model_id: "gpt-4o",
      context_length: 128_000,
      capabilities: { streaming: true, tools: true },
      pricing: { currency: "USD", unit: "per_million_tokens", input: 2.5, output: 10, source: expect.stringMatching(/^https:\/\//) },
    });
    const all = (await t.admin("GET", "/v1/models?include_deactivated=true")).body.data;
    expect(all.length).toBeGreaterThanOrEqual(models.length);
    const current = (await t.admin("GET", "/v1/models?exclude_deprecated=true")).body.data;
    expect(current.every((m: any) => m.deprecation_date === null)).toBe(true);
    const onlyOpenai = (await t.admin("GET", "/v1/models?provider=openai")).body.data;
    expect(onlyOpenai.length).toBeGreaterThan(0);
    expect(onlyOpenai.every((m: any) => m.provider === "openai")).toBe(true);
    expect((await t.admin("GET", "/v1/models/openai/gpt-4o")).body.id).toBe("openai/gpt-4o");
    expect((await t.admin("GET", "/v1/models/openai/nope")).status).toBe(404);
    expect((await t.admin("GET", "/v1/models?exclude_deprecated=maybe")).status).toBe(422);
    expect((await t.admin("GET", "/v1/models", undefined, "not-a-key")).status).toBe(401);
  });
});

describe("GET /api/costs", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });

  afterAll(async () => {
    await t?.close();
  });

  it("adds up to the audit records, by group and interval, and forecasts the month", async () => {
    const openai = t.client(await t.apiKey("spend"));
    await t.virtualKey("vk-a");
    await t.virtualKey("vk-b");
    for (let i = 0; i < 12; i++) {
      await openai.chat.completions.create({ model: `@${i % 3 ? "vk-a" : "vk-b"}/${i % 2 ? "gpt-4o" : "gpt-4o-mini"}`, messages: ask(`question ${i}`) }, { headers: { "X-Igris-Metadata-Team": i % 2 ? "search" : "ads" } });
    }
    await t.gateway.audit.flush();
    const records = (await t.admin("GET", "/api/audit?limit=1000")).body.data;
    const total = records.reduce((s: number, r: any) => s + (r.costMicroUsd ?? 0), 0);
    expect(total).toBeGreaterThan(0);

    for (const groupBy of ["provider", "model", "virtualKey", "apiKey", "user", "metadata.team"]) {
      const res = await t.admin("GET", `/api/costs?groupBy=${groupBy}&interval=hour`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.totals.costMicroUsd, groupBy).toBe(total);
      expect(res.body.totals.requests).toBe(records.length);
    }
    const byVk = (await t.admin("GET", "/api/costs?groupBy=virtualKey&interval=month")).body.data;
    const fromA = records.filter((r: any) => r.virtualKey === "vk-a").reduce((s: number, r: any) => s + r.costMicroUsd, 0);
    expect(byVk.find((b: any) => b.group === "vk-a").costMicroUsd).toBe(fromA);

    const forecast = (await t.admin("GET", "/api/costs/forecast")).body;
    expect(forecast).toMatchObject({ spentMicroUsd: total, month: new Date().toISOString().slice(0, 7) });
    expect(forecast.projectedMicroUsd).toBeGreaterThanOrEqual(total);
    expect((await t.admin("GET", "/api/costs?groupBy=colour")).status).toBe(422);
    expect((await t.admin("GET", "/api/costs?interval=fortnight")).status).toBe(422);
  });
});
