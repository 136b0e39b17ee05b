import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wireFixture } from "../testing/fixtures.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

const ask = [{ role: "user" as const, content: "hi" }];

describe("Azure OpenAI virtual keys", () => {
  let t: TestGateway;
  let openai: OpenAI;
  const azureKey = async (slug: string, fixture: string, query = "") => {
    const res = await t.admin("POST", "/api/virtual-keys", {
      slug,
      provider: "azure-openai",
      apiKey: `azure-secret-${slug}`,
      customBaseUrl: `${t.mock.url}/_mock/fixture=${fixture}/openai${query}`,
    });
    expect(res.status, res.text).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("azure"));
    await azureKey("azure-json", "azure/pyd-azure-chat-completion.i0.response", "?api-version=2024-12-01-preview");
    await azureKey("azure-stream", "azure/vercel-azure-model-router-chat-stream.1");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("calls the deployment with the api-key header and relays Azure's recorded answer", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "@azure-json/gpt-4o", messages: ask }).withResponse();
    const recorded = JSON.parse(readFileSync(wireFixture("azure/pyd-azure-chat-completion.i0.response.json"), "utf8"));
    expect(data.choices[0]!.message.content).toBe(recorded.choices[0].message.content);
    expect((data as any).prompt_filter_results).toEqual(recorded.prompt_filter_results);
    const sent = t.mock.requests.at(-1)!;
    expect(sent.path).toMatch(/\/openai\/deployments\/gpt-4o\/chat\/completions$/);
    expect(sent.headers["api-key"]).toBe("azure-secret-azure-json");
    expect(sent.headers.authorization).toBeUndefined();
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ provider: "azure-openai", upstreamModel: recorded.model, usage: { promptTokens: recorded.usage.prompt_tokens, completionTokens: recorded.usage.completion_tokens } });
  });

  it("streams past Azure's first chunk, which has no choices and an empty model", async () => {
    const { data: stream, response } = await openai.chat.completions.create({ model: "@azure-stream/gpt-5-nano", messages: ask, stream: true }).withResponse();
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text.length).toBeGreaterThan(0);
    const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
    // The model comes from a later chunk; usage from the final one (reasoning inside completion tokens).
    expect(record).toMatchObject({ upstreamModel: "gpt-5-nano-2025-08-07", outcome: "success", usage: { promptTokens: 15, completionTokens: 78, reasoningTokens: 64 } });
  });
});
