import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Igris } from "../client.js";
import { auditFor, startSdkGateway, type TestGateway } from "../test-support/gateway.js";
import { withIgris as withAnthropic } from "./anthropic.js";
import { withIgris as withGoogle } from "./google.js";
import { withIgris as withOpenAI } from "./openai.js";

const ask = [{ role: "user" as const, content: "Invent a holiday" }];

describe("adapters for the official SDKs, against a running gateway", () => {
  let t: TestGateway;
  let admin: Igris;
  let igris: Igris;

  beforeAll(async () => {
    ({ t, admin, igris } = await startSdkGateway());
    await t.virtualKey("openai-native");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("routes an existing openai client through the gateway, answers and streams", async () => {
    const client = withOpenAI(new OpenAI({ apiKey: "sk-never-sent", maxRetries: 0 }), igris, "openai-native", { user: "adapter-openai", traceId: "tr-1", metadata: { app: "e2e" } });
    const answer = await client.chat.completions.create({ model: "gpt-4.1-nano", messages: ask });
    expect(answer.choices[0]!.message.content).toMatch(/Galaxy Day/);
    const stream = await client.chat.completions.create({ model: "gpt-4.1-nano", messages: ask, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toMatch(/Harmony Day/);
    expect(usage?.completion_tokens).toBe(300);
    const embeddings = await client.embeddings.create({ model: "text-embedding-3-small", input: "hello" });
    expect(embeddings.data).toHaveLength(1);
    const records = await auditFor(t, admin, "adapter-openai", 3);
    for (const record of records) expect(record).toMatchObject({ endpoint: "passthrough", virtualKey: "openai-native", traceId: "tr-1", metadata: { app: "e2e" }, outcome: "success" });
    // The provider credential of the virtual key went upstream, not the placeholder the client was built with.
    expect(t.mock.requests.at(-1)!.headers.authorization).toMatch(/^Bearer sk-test-openai-native-/);
  });

  it("hands back the connection for Google clients", () => {
    expect(withGoogle({}, igris, "gemini-prod")).toEqual({ baseUrl: `${t.url}/llm/gemini-prod/v1`, apiKey: expect.stringMatching(/^igris_sk_/), headers: {} });
  });

  // Needs the gateway's Anthropic dialect and /llm/<slug>/v1/messages route, and the mock's Anthropic emulator.
  describe("the anthropic adapter", () => {
    const anthropicKey = (slug: string, fixture: string) =>
      admin.virtualKeys.create({ slug, provider: "anthropic", apiKey: `sk-ant-test-${slug}`, customBaseUrl: `${t.mock.url}/_mock/fixture=anthropic/${fixture}` });

    it("routes messages.create through the gateway, answering and streaming", async () => {
      await anthropicKey("claude-text", "vercel-anthropic-text");
      await anthropicKey("claude-stream", "vercel-anthropic-text-stream");
      const identity = { user: "adapter-anthropic", traceId: "tr-2" };
      const client = withAnthropic(new Anthropic({ apiKey: "sk-ant-never-sent", maxRetries: 0 }), igris, "claude-text", identity);
      const message = await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 100, messages: [{ role: "user", content: "Hello, how are you?" }] });
      expect(message.content[0]).toMatchObject({ type: "text", text: expect.stringMatching(/^Hello! I'm doing well/) });
      expect(message.usage).toMatchObject({ input_tokens: 12, output_tokens: 29 });
      const sent = t.mock.requests.at(-1)!;
      expect(sent.path).toMatch(/\/v1\/messages$/);
      expect(sent.headers["x-api-key"]).toBe("sk-ant-test-claude-text");

      const streaming = withAnthropic(new Anthropic({ apiKey: "sk-ant-never-sent", maxRetries: 0 }), igris, "claude-stream", identity);
      const stream = await streaming.messages.create({ model: "claude-sonnet-4-5", max_tokens: 100, messages: [{ role: "user", content: "Hello" }], stream: true });
      let text = "";
      let outputTokens = 0;
      for await (const event of stream) {
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
        if (event.type === "message_delta") outputTokens = event.usage.output_tokens;
      }
      expect(text).toMatch(/^Hello! I/);
      expect(outputTokens).toBe(30);
      const records = await auditFor(t, admin, "adapter-anthropic", 2);
      for (const record of records) expect(record).toMatchObject({ virtualKey: expect.stringMatching(/^claude-/), provider: "anthropic", traceId: "tr-2", outcome: "success" });
    });
  });
});
