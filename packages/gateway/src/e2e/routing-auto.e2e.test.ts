import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../catalog/catalog.js";
import { blendedPrice } from "../routing/blended-price.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { apiError, ask, attemptsOf, callsTo, mockKey, requestIdOf } from "../testing/routing-support.js";

/** An open-weights model the catalogue lists for both Groq and DeepInfra, at different prices. */
const MODEL = "llama-3.3-70b-instruct";
const entry = (provider: string) => catalog.servedBy(MODEL).find((m) => m.provider === provider)!;

describe("automatic provider choice for a plain model", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("auto"));
    await mockKey(t, "groq-key", undefined, "groq");
    await mockKey(t, "deepinfra-key", undefined, "deepinfra");
  });

  afterAll(async () => {
    await t?.close();
  });

  const chat = (headers: Record<string, string> = {}) => openai.chat.completions.create({ model: MODEL, messages: ask("pick a provider") }, { headers }).withResponse();

  it("sends the call to the cheaper provider, with that provider's own model id", async () => {
    // The premise of the test, from the catalogue itself.
    expect(blendedPrice(entry("deepinfra").price!)).toBeLessThan(blendedPrice(entry("groq").price!));
    const { response } = await chat();
    expect(response.headers.get("x-igris-provider")).toBe("deepinfra");
    expect(callsTo(t, "deepinfra-key")).toHaveLength(1);
    expect(callsTo(t, "deepinfra-key")[0]!.body).toMatchObject({ model: entry("deepinfra").providerModelId });
    expect(callsTo(t, "groq-key")).toHaveLength(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ virtualKey: "deepinfra-key", provider: "deepinfra", requestedModel: MODEL, status: 200 });
    expect(record.costMicroUsd).toBeGreaterThan(0);
    expect(attemptsOf(record)).toEqual([{ virtualKey: "deepinfra-key", status: 200, error: null }]);
  });

  it("keeps a call to the provider X-Igris-Provider names", async () => {
    const { response } = await chat({ "X-Igris-Provider": "groq" });
    expect(response.headers.get("x-igris-provider")).toBe("groq");
    expect(callsTo(t, "groq-key")).toHaveLength(1);
    expect(callsTo(t, "groq-key")[0]!.body).toMatchObject({ model: entry("groq").providerModelId });
  });

  it("falls back to the next provider when the cheaper one fails, and audits both attempts", async () => {
    const broken = await t.admin("PATCH", "/api/virtual-keys/deepinfra-key", { customBaseUrl: `${t.mock.url}/_mock/status=503/v1` });
    expect(broken.status, broken.text).toBe(200);
    const { response } = await chat();
    expect(response.headers.get("x-igris-provider")).toBe("groq");
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ virtualKey: "groq-key", provider: "groq", status: 200, outcome: "success" });
    expect(attemptsOf(record)).toEqual([
      { virtualKey: "deepinfra-key", status: 503, error: "upstream_503" },
      { virtualKey: "groq-key", status: 200, error: null },
    ]);
  });

  it("answers 404 no_provider_for_model for a model no key of the organisation serves", async () => {
    const unknown = await apiError(openai.chat.completions.create({ model: "no-such-model-anywhere", messages: ask("hello") }));
    expect(unknown.status).toBe(404);
    expect(unknown.error).toMatchObject({ code: "no_provider_for_model" });
    // Served by the catalogue, but pinned to a provider this organisation has no key for.
    const pinned = await apiError(openai.chat.completions.create({ model: MODEL, messages: ask("hello") }, { headers: { "X-Igris-Provider": "together" } }));
    expect(pinned.status).toBe(404);
    expect(pinned.error).toMatchObject({ code: "no_provider_for_model" });
    expect((await auditRecord(t, requestIdOf(pinned))).status).toBe(404);
  });
});
