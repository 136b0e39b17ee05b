import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

const ask = [{ role: "user" as const, content: "Invent a holiday" }];

describe("a virtual key's native route, /llm/<slug>/v1", () => {
  let t: TestGateway;
  let key: string;
  /** The official client, unchanged but for its base URL: models are the provider's own names. */
  const native = (slug: string) => new OpenAI({ apiKey: key, baseURL: `${t.url}/llm/${slug}/v1`, maxRetries: 0 });

  beforeAll(async () => {
    t = await startTestGateway();
    key = await t.apiKey("native");
    await t.virtualKey("openai-prod", { directives: "fixture=openai/vercel-openai-text" });
    await t.virtualKey("openai-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("answers, with the credential injected, and audits the call as passthrough", async () => {
    const { data, response } = await native("openai-prod").chat.completions.create({ model: "gpt-4.1-nano", messages: ask }).withResponse();
    expect(data.choices[0]!.message.content).toMatch(/Galaxy Day/);
    const sent = t.mock.requests.at(-1)!;
    expect(sent.body).toMatchObject({ model: "gpt-4.1-nano" });
    expect(sent.headers.authorization).toMatch(/^Bearer sk-test-openai-prod-/);
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({
      endpoint: "passthrough",
      virtualKey: "openai-prod",
      requestedModel: "gpt-4.1-nano",
      usage: { promptTokens: 16, completionTokens: 363 },
      costMicroUsd: 147,
    });
  });

  it("streams", async () => {
    const stream = await native("openai-stream").chat.completions.create({ model: "gpt-4.1-nano", messages: ask, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toMatch(/Harmony Day/);
    expect(usage?.completion_tokens).toBe(300);
  });

  it("refuses an unknown key or virtual key, and obeys policies on the passthrough endpoint", async () => {
    expect(await native("ghost").chat.completions.create({ model: "m", messages: ask }).catch((e) => e.status)).toBe(404);
    const stranger = new OpenAI({ apiKey: "igris_sk_nope", baseURL: `${t.url}/llm/openai-prod/v1`, maxRetries: 0 });
    expect(await stranger.chat.completions.create({ model: "m", messages: ask }).catch((e) => e.status)).toBe(401);
    await t.admin("PUT", "/api/policies", { rules: [{ id: "no-native", target: { kind: "llm_endpoint", endpoint: "passthrough" }, action: "deny" }] });
    const err = await native("openai-prod").chat.completions.create({ model: "gpt-4.1-nano", messages: ask }).catch((e) => e);
    expect(err.error).toMatchObject({ type: "policy_denied", rule_id: "no-native" });
    // The OpenAI-compatible route is a different endpoint and stays open.
    await expect(t.client(key).chat.completions.create({ model: "@openai-prod/gpt-4.1-nano", messages: ask })).resolves.toBeDefined();
    await t.admin("PUT", "/api/policies", { rules: [] });
  });
});
