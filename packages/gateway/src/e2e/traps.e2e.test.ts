import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockProvider, startMockProvider } from "@igris/mock-providers";
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewOfChunks } from "../testing/client-view.js";
import { wireFixture } from "../testing/fixtures.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

/**
 * The twelve traps of shared/fixtures/wire/README.md, one test each, through the gateway
 * with the official openai client against the recording that shows the trap. Expected
 * values are read from the recordings by hand and written here as literals.
 */
const ask = [{ role: "user" as const, content: "hello" }];
const BEDROCK_CREDENTIAL = JSON.stringify({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1" });

/** Where a provider's API lives under the mock, for a base URL that replays `fixture`. */
const BASES: Record<string, { path: string; credential: string }> = {
  anthropic: { path: "", credential: "sk-ant-test" },
  google: { path: "/v1beta", credential: "AIza-test" },
  bedrock: { path: "", credential: BEDROCK_CREDENTIAL },
  cohere: { path: "", credential: "co-test" },
  "azure-openai": { path: "/openai/v1", credential: "azure-test" },
};

interface Streamed {
  chunks: ChatCompletionChunk[];
  error: InstanceType<typeof OpenAI.APIError> | null;
  requestId: string;
}

describe("the wire README's traps, through the gateway", () => {
  let t: TestGateway;
  let openai: OpenAI;
  let composed: MockProvider;
  let composedDir: string;

  /** A virtual key `slug` of `provider` whose upstream replays `fixture` (`<folder>/<name>`). */
  const replay = async (slug: string, provider: string, fixture: string, mockUrl = t.mock.url) => {
    const base = BASES[provider] ?? { path: "/v1", credential: "sk-test" };
    const res = await t.admin("POST", "/api/virtual-keys", { slug, provider, apiKey: base.credential, customBaseUrl: `${mockUrl}/_mock/fixture=${fixture}${base.path}` });
    expect(res.status, res.text).toBe(201);
  };
  const complete = (slug: string) => openai.chat.completions.create({ model: `@${slug}/test-model`, messages: ask }).withResponse();
  const stream = async (slug: string): Promise<Streamed> => {
    const { data, response } = await openai.chat.completions.create({ model: `@${slug}/test-model`, messages: ask, stream: true, stream_options: { include_usage: true } }).withResponse();
    const chunks: ChatCompletionChunk[] = [];
    let error: Streamed["error"] = null;
    try {
      for await (const chunk of data) chunks.push(chunk);
    } catch (e) {
      error = e as Streamed["error"];
    }
    return { chunks, error, requestId: response.headers.get("x-igris-request-id")! };
  };
  const audit = (id: string) => auditRecord(t, id);

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("traps"));
    // No recording holds an Anthropic stream that fails after its 200: the recorded error
    // event (a server body pasted in a bug report) follows three events of a recorded stream.
    composedDir = mkdtempSync(join(tmpdir(), "igris-trap-fixtures-"));
    mkdirSync(join(composedDir, "anthropic"));
    const head = readFileSync(wireFixture("anthropic/vercel-anthropic-text-stream.chunks.txt"), "utf8").split("\n").slice(0, 4);
    const error = readFileSync(wireFixture("anthropic/issue-anthropic-stream-error-event-overloaded.json"), "utf8").trim();
    writeFileSync(join(composedDir, "anthropic", "error-after-200.chunks.txt"), [...head, error].join("\n"));
    composed = await startMockProvider({ fixturesDir: composedDir });
  });

  afterAll(async () => {
    await composed?.close();
    if (composedDir) rmSync(composedDir, { recursive: true, force: true });
    await t?.close();
  });

  it("trap 1: a chunk without choices (OpenAI's usage chunk, Azure's first chunk) does not break the stream", async () => {
    await replay("t1-openai", "openai", "openai/vercel-openai-text-stream");
    await replay("t1-azure", "azure-openai", "azure/vercel-azure-model-router-chat-stream.1");
    const o = await stream("t1-openai");
    expect(o.error).toBeNull();
    expect(o.chunks.at(-1)!.choices).toEqual([]);
    expect(o.chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 300, total_tokens: 316 });
    const a = await stream("t1-azure");
    expect(a.error).toBeNull();
    expect(a.chunks[0]!.choices).toEqual([]);
    expect((a.chunks[0] as unknown as { prompt_filter_results: unknown[] }).prompt_filter_results).toHaveLength(1);
    expect(a.chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toMatch(/^Capital/);
    expect(await audit(a.requestId)).toMatchObject({ outcome: "success", upstreamModel: "gpt-5-nano-2025-08-07" });
  });

  it("trap 2: Anthropic's message_delta usage is a running total: it replaces message_start's", async () => {
    await replay("t2", "anthropic", "anthropic/vercel-anthropic-message-delta-input-tokens-stream");
    const s = await stream("t2");
    expect(s.error).toBeNull();
    // message_start: input 43, output 1; message_delta: input 61, output 2.
    expect(s.chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 61, completion_tokens: 2 });
    expect(viewOfChunks(s.chunks).content).toBe("pong");
    expect(await audit(s.requestId)).toMatchObject({ usage: { promptTokens: 61, completionTokens: 2 } });
  });

  it("trap 3: cached tokens are counted once in the prompt, for Anthropic, OpenAI and Cohere", async () => {
    await replay("t3-anthropic", "anthropic", "anthropic/pyd-anthropic-cache-real-api.i1.response");
    await replay("t3-openai", "openai", "openai/pyd-openai-chat-prompt-cache.i1.response");
    await replay("t3-cohere", "cohere", "cohere/pyd-cohere-cached-tokens.i0.response");

    const anthropic = await complete("t3-anthropic");
    // input_tokens 3 excludes cache_read 1111 and cache_creation 418.
    expect(anthropic.data.usage).toMatchObject({ prompt_tokens: 3 + 1111 + 418, completion_tokens: 33, prompt_tokens_details: { cached_tokens: 1111 } });
    expect(await audit(anthropic.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 1532, cachedTokens: 1111, completionTokens: 33 } });

    const oa = await complete("t3-openai");
    // prompt_tokens 4020 already includes cached_tokens 4012.
    expect(await audit(oa.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 4020, cachedTokens: 4012, completionTokens: 4 } });

    const co = await complete("t3-cohere");
    // Billed input 2406; cached 2928 counts over all 2935 processed tokens, 529 of them the
    // unbilled template: 2928 - (2935 - 2406) = 2399 of the billed tokens came from the cache.
    expect(co.data.usage).toMatchObject({ prompt_tokens: 2406, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 2399 } });
    expect(await audit(co.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 2406, cachedTokens: 2399, completionTokens: 2 } });
  });

  it("trap 4: reasoning tokens are billed output exactly once, for xAI, OpenAI, DeepSeek and Gemini", async () => {
    await replay("t4-xai", "xai", "xai/vercel-xai-text");
    await replay("t4-azure", "azure-openai", "azure/vercel-azure-model-router-chat-stream.1");
    await replay("t4-deepseek", "deepseek", "deepseek/vercel-deepseek-reasoning");
    await replay("t4-gemini", "google", "google/vercel-google-text");

    const xai = await complete("t4-xai");
    // completion_tokens 1 + reasoning_tokens 228 = total 241 - prompt 12: xAI reports reasoning beside the completion.
    expect(await audit(xai.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 12, completionTokens: 229, reasoningTokens: 228 } });

    const azure = await stream("t4-azure");
    // OpenAI's completion_tokens 78 already include reasoning_tokens 64.
    expect(await audit(azure.requestId)).toMatchObject({ usage: { promptTokens: 15, completionTokens: 78, reasoningTokens: 64 } });

    const deepseek = await complete("t4-deepseek");
    expect(await audit(deepseek.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 18, completionTokens: 345, reasoningTokens: 315 } });

    const gemini = await complete("t4-gemini");
    // candidatesTokenCount 28 + thoughtsTokenCount 244; with prompt 9 that is totalTokenCount 281.
    expect(gemini.data.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 272, total_tokens: 281, completion_tokens_details: { reasoning_tokens: 244 } });
    expect(await audit(gemini.response.headers.get("x-igris-request-id")!)).toMatchObject({ usage: { promptTokens: 9, completionTokens: 272, reasoningTokens: 244 } });
  });

  it("trap 5: Gemini's usageMetadata on every chunk, going down: the last one counts", async () => {
    await replay("t5", "google", "google/pyd-google-stream.i0.response");
    const s = await stream("t5");
    expect(s.error).toBeNull();
    expect(viewOfChunks(s.chunks).content).toBe("The capital of France is Paris.\n");
    // promptTokenCount 15, 15, then 13 with candidatesTokenCount 8.
    expect(s.chunks.filter((c) => c.usage).map((c) => c.usage)).toEqual([expect.objectContaining({ prompt_tokens: 13, completion_tokens: 8, total_tokens: 21 })]);
    expect(await audit(s.requestId)).toMatchObject({ outcome: "success", usage: { promptTokens: 13, completionTokens: 8 } });
  });

  it("trap 6: a Gemini function call gets an id and finishes as tool_calls, not STOP", async () => {
    await replay("t6-json", "google", "google/vercel-google-tool-call");
    await replay("t6-stream", "google", "google/vercel-google-tool-call-stream");
    const { data } = await complete("t6-json");
    const call = data.choices[0]!.message.tool_calls![0]!;
    expect(call).toMatchObject({ type: "function", function: { name: "weather", arguments: '{"location":"San Francisco"}' } });
    expect(call.id).toMatch(/^call_./);
    expect(data.choices[0]!.finish_reason).toBe("tool_calls");

    const s = await stream("t6-stream");
    const view = viewOfChunks(s.chunks);
    expect(view.finishReason).toBe("tool_calls");
    expect(view.toolCalls).toEqual([{ id: expect.stringMatching(/^call_./), name: "weather", arguments: '{"location":"San Francisco"}' }]);
  });

  it("trap 7: whole tool calls without an index (Mistral), from index 1, or with a repeated empty name come out indexed from 0, names kept", async () => {
    await replay("t7-mistral", "mistral", "mistral/vercel-mistral-tool-call-stream");
    await replay("t7-from-1", "openrouter", "openai-compatible/vercel-anthropic-openai-compat-fallback-tool-call");
    await replay("t7-empty-name", "mistral", "mistral/vercel-mistral-incremental-tool-call-stream");
    const indexes = (s: Streamed) => s.chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []).map((tc) => tc.index);

    const mistral = await stream("t7-mistral");
    expect(indexes(mistral)).toEqual([0]);
    expect(viewOfChunks(mistral.chunks).toolCalls).toEqual([{ id: "gSIMJiOkT", name: "weather", arguments: '{"location": "San Francisco"}' }]);

    const fromOne = await stream("t7-from-1");
    expect(new Set(indexes(fromOne))).toEqual(new Set([0]));
    expect(viewOfChunks(fromOne.chunks)).toMatchObject({
      content: "Reading it.",
      finishReason: "tool_calls",
      toolCalls: [{ id: "toolu_sanitized", name: "read_file", arguments: '{"path": "a.txt"}' }],
    });

    const emptyName = await stream("t7-empty-name");
    expect(viewOfChunks(emptyName.chunks).toolCalls).toEqual([{ id: "chatcmpl-tool-9f149c74c42f265b", name: "webSearchTool", arguments: '{"query": "current Berlin weather"}' }]);
  });

  it('trap 8: empty tool arguments ("" or missing, Anthropic, Cohere, Gemini) arrive as "{}"', async () => {
    await replay("t8-anthropic", "anthropic", "anthropic/vercel-anthropic-tool-no-args-stream");
    await replay("t8-cohere", "cohere", "cohere/vercel-cohere-empty-tool-call-stream");
    await replay("t8-gemini", "google", "google/fb-googleai-stream-thinking-function-call-signature");

    const anthropic = viewOfChunks((await stream("t8-anthropic")).chunks);
    expect(anthropic.toolCalls).toEqual([{ id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", name: "updateIssueList", arguments: "{}" }]);
    expect(anthropic.content).toBe("I'll update the issue list for you.");

    const cohere = viewOfChunks((await stream("t8-cohere")).chunks);
    expect(cohere.toolCalls).toEqual([{ id: "currentTime_y46ar19t5gvw", name: "currentTime", arguments: "{}" }]);

    const gemini = viewOfChunks((await stream("t8-gemini")).chunks);
    expect(gemini.toolCalls).toEqual([{ id: expect.stringMatching(/^call_./), name: "now", arguments: "{}" }]);
    expect(gemini.finishReason).toBe("tool_calls");
  });

  it("trap 9: an error after HTTP 200 (Groq, OpenRouter, Anthropic) ends the client's stream with an error, audited as failed", async () => {
    await replay("t9-groq", "groq", "groq/pyd-groq-tool-use-failed-stream.i0.response");
    await replay("t9-openrouter", "openrouter", "openai-compatible/pyd-openrouter-stream-error.i0.response");
    await replay("t9-anthropic", "anthropic", "anthropic/error-after-200", composed.url);

    const groq = await stream("t9-groq");
    expect(groq.error).toBeInstanceOf(OpenAI.APIError);
    expect(groq.error!.message).toMatch(/^Tool call validation failed: tool call validation failed: parameters for tool get_something_by_name did not match schema/);
    expect(await audit(groq.requestId)).toMatchObject({ outcome: "failed", error: { type: "tool_use_failed" } });

    const openrouter = await stream("t9-openrouter");
    expect(openrouter.error).toBeInstanceOf(OpenAI.APIError);
    expect(openrouter.error!.message).toContain("Token limit reached");
    expect(await audit(openrouter.requestId)).toMatchObject({ outcome: "failed", error: { message: "Token limit reached" } });

    const anthropic = await stream("t9-anthropic");
    expect(anthropic.error).toBeInstanceOf(OpenAI.APIError);
    expect(anthropic.error!.message).toContain("Overloaded");
    expect(viewOfChunks(anthropic.chunks).content).toBe("Hello");
    expect(await audit(anthropic.requestId)).toMatchObject({ outcome: "failed", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("trap 10: Bedrock's `p` padding does not reach the client", async () => {
    await replay("t10", "bedrock", "bedrock/pyd-bedrock-converse-stream-binary.i0.response");
    const s = await stream("t10");
    expect(s.error).toBeNull();
    expect(viewOfChunks(s.chunks).content).toBe(
      'The capital of France is Paris. Paris is not only the capital city but also the most populous city in France, and it is a major center for culture, commerce, fashion, and international diplomacy. Known for its historical landmarks, such as the Eiffel Tower, the Louvre Museum, and Notre-Dame Cathedral, Paris is often referred to as "The City of Light" or "The City of Love."',
    );
    for (const chunk of s.chunks) expect(Object.keys(chunk)).not.toContain("p");
    expect(JSON.stringify(s.chunks)).not.toContain("abcdefghijklmnopqr");
    expect(await audit(s.requestId)).toMatchObject({ usage: { promptTokens: 13, completionTokens: 82 } });
  });

  it("trap 11: each translated dialect's reasoning shape arrives as reasoning_content", async () => {
    await replay("t11-anthropic", "anthropic", "anthropic/pyd-anthropic-thinking-stream.i0.response");
    await replay("t11-bedrock", "bedrock", "bedrock/vercel-bedrock-reasoning-stream");
    await replay("t11-cohere", "cohere", "cohere/vercel-cohere-reasoning-stream");
    await replay("t11-gemini", "google", "google/fb-googleai-stream-thinking-function-call-signature");
    const reasoning = (s: Streamed) => s.chunks.map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "").join("");

    const anthropic = await stream("t11-anthropic");
    expect(reasoning(anthropic)).toBe(
      "This is a straightforward question about pedestrian safety. I should provide clear, helpful advice about how to safely cross a street. This is basic safety information that could help prevent accidents.",
    );
    expect(viewOfChunks(anthropic.chunks).content).toMatch(/^Here are the basic steps for safely crossing the street:/);

    const bedrock = await stream("t11-bedrock");
    expect(reasoning(bedrock)).toBe('Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nr appears at positions 3, 8, and 9.\n\nSo there are 3 r\'s.');
    expect(viewOfChunks(bedrock.chunks).content).toBe('There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y');

    const cohere = await stream("t11-cohere");
    expect(reasoning(cohere)).toBe("The user is asking for the sum of 2 and 2. Since this is a straightforward arithmetic problem, I don't need to use any tools. I can calculate the answer directly.");
    expect(viewOfChunks(cohere.chunks).content).toBe("The answer to 2 + 2 is 4.");

    const gemini = await stream("t11-gemini");
    expect(reasoning(gemini)).toMatch(/^\*\*Calculating the Days\*\*\n\nI've determined the user's request[\s\S]*\*\*Determining the Approach\*\*/);
    expect(viewOfChunks(gemini.chunks).content).toBeNull();
  });

  it("trap 12: fields nobody has seen before are ignored, never a crash", async () => {
    // Anthropic server-tool blocks, Perplexity's citations, Gemini's thoughtSignature and finishMessage.
    await replay("t12-anthropic", "anthropic", "anthropic/vercel-anthropic-web-fetch-error-result.error");
    await replay("t12-perplexity", "perplexity", "openai-compatible/vercel-perplexity-citations");
    await replay("t12-gemini", "google", "google/vercel-google-tool-call");

    const anthropic = await complete("t12-anthropic");
    expect(anthropic.data.choices[0]!.message.content).toMatch(/^I'll fetch the PDF document from the URL you provided to see what it says about AI\./);
    expect(anthropic.data.choices[0]!.message.content).toContain("I'm unable to access the PDF document at that URL");
    expect(anthropic.data.usage?.prompt_tokens).toBe(1902);

    const perplexity = await complete("t12-perplexity");
    expect((perplexity.data as unknown as { citations: string[] }).citations.slice(0, 2)).toEqual(["https://populationstat.com/united-states/san-francisco", "https://en.wikipedia.org/wiki/San_Francisco"]);
    expect(await audit(perplexity.response.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", usage: { promptTokens: 10, completionTokens: 251 } });

    const gemini = await complete("t12-gemini");
    expect(gemini.data.choices[0]!.message.tool_calls![0]!.function.name).toBe("weather");
  });
});
