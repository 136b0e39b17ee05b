import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { type MockProvider, startMockProvider } from "@igris/mock-providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ORG_ID } from "../gateway.js";
import { wireFixture } from "../testing/fixtures.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

/**
 * `/llm/<virtual key>/…` in each provider's own API: Anthropic's official SDK with only its
 * base URL changed, Gemini and Cohere with plain fetch. The recorded answers reach the
 * client as the provider sent them; the audit reads their usage.
 */
const fixtureText = (path: string) => readFileSync(wireFixture(path), "utf8");
/** The recorded Gemini stream's first two events: "The", " capital of France". */
const geminiHead = () => fixtureText("google/pyd-google-stream.i0.response.sse").split(/(?=^data: )/m).slice(0, 2).join("");
const ask = [{ role: "user" as const, content: "hello" }];
/** What the client asks for; the recordings name the model that answered. */
const MODEL = "claude-sonnet-4-6";

describe("native routes", () => {
  let t: TestGateway;
  let key: string;
  /** A second mock replaying a stream composed of two recordings (see beforeAll). */
  let composed: MockProvider;
  let composedDir: string;
  const credentials = new Map<string, string>();

  const nativeKey = async (slug: string, provider: string, baseUrl: string) => {
    const credential = `cred-${slug}-upstream-secret`;
    credentials.set(slug, credential);
    const res = await t.admin("POST", "/api/virtual-keys", { slug, provider, apiKey: credential, customBaseUrl: baseUrl });
    expect(res.status, res.text).toBe(201);
  };
  const at = (fixture: string) => `${t.mock.url}/_mock/fixture=${fixture}`;
  /** The headers the SDK sent last, to compare with what reached the provider. */
  let sdkHeaders = new Headers();
  const recordHeaders: typeof fetch = (url, init) => ((sdkHeaders = new Headers(init?.headers)), fetch(url, init));
  const anthropic = (slug: string) => new Anthropic({ apiKey: key, baseURL: `${t.url}/llm/${slug}`, maxRetries: 0, fetch: recordHeaders });
  const requestId = (headers: Headers | undefined) => headers!.get("x-igris-request-id")!;
  /** The stored row, for what the audit API does not show (cache writes). */
  const storedRow = async (id: string) => {
    await auditRecord(t, id);
    const page = await t.gateway.store.audit.page({ orgId: DEFAULT_ORG_ID, limit: 1000 });
    return page.rows.find((r) => r.id === id)!;
  };
  const setPolicies = async (rules: unknown[]) => {
    const res = await t.admin("PUT", "/api/policies", { defaultAction: "allow", rules });
    expect(res.status, res.text).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestGateway();
    key = await t.apiKey("native");
    await nativeKey("claude-cache", "anthropic", at("anthropic/pyd-anthropic-cache-real-api.i1.response"));
    await nativeKey("claude-tools", "anthropic", at("anthropic/pyd-anthropic-parallel-tool-use.i0.response"));
    await nativeKey("claude-stream", "anthropic", at("anthropic/vercel-anthropic-text-stream"));
    // Event by event, as a real provider sends them (without a delay the mock writes the recording at once).
    await nativeKey("claude-trickle", "anthropic", `${at("anthropic/vercel-anthropic-text-stream")};chunk-delay=5`);
    await nativeKey("claude-no-args", "anthropic", at("anthropic/vercel-anthropic-tool-no-args-stream"));
    await nativeKey("claude-529", "anthropic", at("anthropic/issue-anthropic-529-overloaded"));
    await nativeKey("claude-cut", "anthropic", `${t.mock.url}/_mock/cut=3`);
    await nativeKey("claude-synth", "anthropic", t.mock.url);
    await nativeKey("gemini-json", "google", `${at("google/vercel-google-text")}/v1beta`);
    await nativeKey("gemini-stream", "google", `${at("google/pyd-google-stream.i0.response")}/v1beta`);
    await nativeKey("gemini-embed", "google", `${at("google/pyd-google-embeddings.i0.response")}/v1beta`);
    await nativeKey("gemini-429", "google", `${at("google/fb-vertex-quota-exceeded-429")}/v1beta`);
    await nativeKey("cohere-json", "cohere", at("cohere/vercel-cohere-text"));
    await nativeKey("cohere-stream", "cohere", at("cohere/vercel-cohere-text-stream"));
    await nativeKey("cohere-embed", "cohere", at("cohere/pyd-cohere-embed.i0.response"));
    await nativeKey("cohere-cut", "cohere", `${at("cohere/vercel-cohere-text-stream")};cut=4`);
    await nativeKey("openai-text", "openai", `${at("openai/vercel-openai-text")}/v1`);

    // No recording holds an Anthropic stream that fails after a 200: the recorded error event
    // (a pasted server body) follows the first three events of a recorded stream.
    composedDir = mkdtempSync(join(tmpdir(), "igris-native-fixtures-"));
    mkdirSync(join(composedDir, "anthropic"));
    const head = fixtureText("anthropic/vercel-anthropic-text-stream.chunks.txt").split("\n").slice(0, 4);
    const error = fixtureText("anthropic/issue-anthropic-stream-error-event-overloaded.json").trim();
    writeFileSync(join(composedDir, "anthropic", "error-after-200.chunks.txt"), [...head, error].join("\n"));
    // And a Gemini stream that ends cleanly before any finishReason: the first two recorded events.
    mkdirSync(join(composedDir, "google"));
    writeFileSync(join(composedDir, "google", "unfinished.sse"), geminiHead());
    composed = await startMockProvider({ fixturesDir: composedDir });
    await nativeKey("claude-inband", "anthropic", `${composed.url}/_mock/fixture=anthropic/error-after-200`);
    await nativeKey("gemini-unfinished", "google", `${composed.url}/_mock/fixture=google/unfinished;chunk-delay=5/v1beta`);
  });

  afterAll(async () => {
    await composed?.close();
    if (composedDir) rmSync(composedDir, { recursive: true, force: true });
    await t?.close();
  });

  describe("Anthropic's SDK, baseURL <gateway>/llm/<vk>", () => {
    it("answers messages.create with the recorded message, the virtual key's credential injected, audited with cache reads and writes", async () => {
      const { data, response } = await anthropic("claude-cache").messages.create({ model: MODEL, max_tokens: 100, messages: ask }).withResponse();
      const text = "Python is a beginner-friendly, versatile programming language widely used for web development, data science, machine learning, automation, and scientific computing.";
      expect(data.content).toEqual([{ type: "text", text }]);
      expect(data.usage).toMatchObject({ input_tokens: 3, cache_creation_input_tokens: 418, cache_read_input_tokens: 1111, output_tokens: 33 });

      const sent = t.mock.requests.at(-1)!;
      expect(sent.path).toMatch(/\/v1\/messages$/);
      expect(sent.headers["x-api-key"]).toBe(credentials.get("claude-cache"));
      expect(sent.headers.authorization).toBeUndefined();
      expect(sdkHeaders.get("authorization")).toBe(`Bearer ${key}`);
      // The SDK's own API version is forwarded, not replaced by the gateway's default.
      expect(sent.headers["anthropic-version"]).toBe(sdkHeaders.get("anthropic-version"));
      expect(JSON.stringify(sent.headers)).not.toContain(key);

      const id = requestId(response.headers);
      expect(await auditRecord(t, id)).toMatchObject({
        endpoint: "passthrough",
        provider: "anthropic",
        virtualKey: "claude-cache",
        upstreamModel: "claude-sonnet-4-5-20250929",
        outcome: "success",
        status: 200,
        // Anthropic's input_tokens excludes the cache: 3 + 1111 read + 418 written.
        usage: { promptTokens: 3 + 1111 + 418, completionTokens: 33, cachedTokens: 1111, reasoningTokens: 0 },
        // 3 × $3/M + 1111 × $0.30/M + 418 × $3.75/M = 1909.8 → 1910 µUSD in; 33 × $15/M = 495 out.
        costMicroUsd: 2405,
      });
      expect((await storedRow(id)).cache_write_tokens).toBe(418);
    });

    it("returns the recorded tool_use blocks as the SDK parses them", async () => {
      const message = await anthropic("claude-tools").messages.create({ model: "claude-haiku-4-5", max_tokens: 500, messages: ask });
      expect(message.stop_reason).toBe("tool_use");
      expect(message.content.filter((b) => b.type === "tool_use")).toEqual(
        ["Alice", "Bob", "Charlie", "Daisy"].map((name, i) => ({
          type: "tool_use",
          id: ["toolu_0167cfEnoQaPviGdVXA95zcu", "toolu_01EEe2V5HD1Ac4rKiUR4HD2T", "toolu_01XFyAjstT3966qvRynZyVPo", "toolu_013mnQZbgtK2oe3Mo3XKJsx3"][i],
          name: "retrieve_entity_info",
          input: { name },
        })),
      );
      expect(message.usage).toMatchObject({ input_tokens: 423, output_tokens: 202 });
    });

    it("streams with stream: true; the audit takes message_delta's running total, not a sum", async () => {
      const { data: stream, response } = await anthropic("claude-stream").messages.create({ model: MODEL, max_tokens: 100, messages: ask, stream: true }).withResponse();
      let text = "";
      const types: string[] = [];
      let outputTokens: number | null = null;
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
        if (event.type === "message_delta") outputTokens = event.usage.output_tokens;
      }
      expect(text).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
      expect(types.at(0)).toBe("message_start");
      expect(types.at(-1)).toBe("message_stop");
      expect(outputTokens).toBe(30);
      expect(await auditRecord(t, requestId(response.headers))).toMatchObject({
        endpoint: "passthrough",
        streamed: true,
        outcome: "success",
        // message_start said 1 output token, message_delta 30: 30, never 31.
        usage: { promptTokens: 12, completionTokens: 30, cachedTokens: 0 },
        // 12 × $3/M + 30 × $15/M = 486 µUSD
        costMicroUsd: 486,
      });
    });

    it("builds the final message with messages.stream(), a tool_use without arguments included", async () => {
      const stream = anthropic("claude-no-args").messages.stream({ model: MODEL, max_tokens: 100, messages: ask });
      const message = await stream.finalMessage();
      expect(message.content).toEqual([
        { type: "text", text: "I'll update the issue list for you." },
        { type: "tool_use", id: "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", name: "updateIssueList", input: {} },
      ]);
      expect(message.stop_reason).toBe("tool_use");
      expect(message.usage).toMatchObject({ input_tokens: 565, output_tokens: 48 });
      const id = stream.response?.headers.get("x-igris-request-id");
      expect(await auditRecord(t, id!)).toMatchObject({ outcome: "success", usage: { promptTokens: 565, completionTokens: 48 } });
    });

    it("hands Anthropic's own error to the SDK as its own error type (529 → OverloadedError)", async () => {
      const err = (await anthropic("claude-529").messages.create({ model: MODEL, max_tokens: 10, messages: ask }).catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.OverloadedError);
      expect(err.status).toBe(529);
      expect(err.error).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" }, request_id: "req_011CZAau32QzxDkriovTaFCB" });
      expect(await auditRecord(t, requestId(err.headers))).toMatchObject({ outcome: "upstream_error", status: 529, error: { type: "overloaded_error", message: "Overloaded" } });
    });

    it("passes an in-band event: error through to the SDK and records the call as failed", async () => {
      const { data: stream, response } = await anthropic("claude-inband").messages.create({ model: MODEL, max_tokens: 100, messages: ask, stream: true }).withResponse();
      let text = "";
      const err = (await (async () => {
        for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      })().catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect(err.error).toEqual({ type: "error", error: { details: null, type: "overloaded_error", message: "Overloaded" } });
      expect(text).toBe("Hello");
      expect(await auditRecord(t, requestId(response.headers))).toMatchObject({ outcome: "failed", streamed: true, error: { type: "overloaded_error" } });
    });

    it("ends a stream the provider cut with an Anthropic error event, recorded as failed", async () => {
      const { data: stream, response } = await anthropic("claude-cut").messages.create({ model: MODEL, max_tokens: 100, messages: ask, stream: true }).withResponse();
      const err = (await (async () => {
        for await (const _ of stream);
      })().catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err.error as { error: { type: string } }).error.type).toBe("api_error");
      expect(await auditRecord(t, requestId(response.headers))).toMatchObject({ outcome: "failed", error: { type: "upstream_stream_interrupted" } });
    });

    it("authenticates the gateway key sent as x-api-key alone", async () => {
      const res = await fetch(`${t.url}/llm/claude-synth/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model: MODEL, max_tokens: 20, messages: ask }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).type).toBe("message");
      const sent = t.mock.requests.at(-1)!;
      expect(sent.headers["x-api-key"]).toBe(credentials.get("claude-synth"));
      const refused = await fetch(`${t.url}/llm/claude-synth/v1/messages`, { method: "POST", headers: { "x-api-key": "igris_sk_not_a_key" }, body: "{}" });
      expect(refused.status).toBe(401);
    });

    it("refuses a virtual key of another dialect with route_not_for_provider", async () => {
      const before = t.mock.requests.length;
      const err = (await anthropic("openai-text").messages.create({ model: "gpt-4.1-nano", max_tokens: 10, messages: ask }).catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err.error as { error: { code: string } }).error.code).toBe("route_not_for_provider");
      expect(t.mock.requests.length).toBe(before);
    });
  });

  describe("governance on native routes", () => {
    afterAll(async () => {
      await setPolicies([]);
    });

    it("a request content guard denies an Anthropic call that carries an e-mail address", async () => {
      await setPolicies([{ id: "no-email", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["email"], action: "deny" } }]);
      const before = t.mock.requests.length;
      const err = (await anthropic("claude-synth")
        .messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: [{ type: "text", text: "mail jane.doe@example.com" }] }] })
        .catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
      expect((err.error as { error: object }).error).toMatchObject({ type: "policy_denied", code: "content_guard", rule_id: "no-email" });
      expect(t.mock.requests.length).toBe(before);
      expect(await auditRecord(t, requestId(err.headers))).toMatchObject({ endpoint: "passthrough", outcome: "denied", policy: { guardFindings: { email: 1 } } });
    });

    it("refuses a response guard that redacts on a native stream: it cannot rewrite the provider's bytes", async () => {
      await setPolicies([{ id: "redact-answers", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["email"], action: "redact", inspectResponse: true } }]);
      const err = (await anthropic("claude-stream").messages.create({ model: MODEL, max_tokens: 10, messages: ask, stream: true }).catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      expect((err.error as { error: object }).error).toMatchObject({ code: "redaction_needs_translation" });
    });

    it("a response guard that denies stops a native stream before the matched text leaves", async () => {
      // "Hello" is the whole first delta: only the next one ("! I") shows the word has ended.
      await setPolicies([{ id: "no-hello", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["keyword:hello"], action: "deny", inspectResponse: true } }]);
      const greeting = [{ role: "user" as const, content: "hi there" }];
      const { data: stream, response } = await anthropic("claude-trickle").messages.create({ model: MODEL, max_tokens: 100, messages: greeting, stream: true }).withResponse();
      let text = "";
      const err = (await (async () => {
        for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      })().catch((e) => e)) as Anthropic.APIError;
      expect(err).toBeInstanceOf(Anthropic.APIError);
      expect((err.error as { error: object }).error).toMatchObject({ type: "policy_denied" });
      expect(text).toBe("");
      expect(await auditRecord(t, requestId(response.headers))).toMatchObject({ outcome: "denied", error: { type: "content_guard_response" }, policy: { guardFindings: { "keyword:hello": 1 } } });
    });

    it("a response guard that denies lets a clean native stream through whole", async () => {
      await setPolicies([{ id: "no-goodbye", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["keyword:goodbye"], action: "deny", inspectResponse: true } }]);
      const stream = anthropic("claude-trickle").messages.stream({ model: MODEL, max_tokens: 100, messages: ask });
      const message = await stream.finalMessage();
      expect(message.content).toEqual([{ type: "text", text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?" }]);
    });

    it("a deny guard judges the text it still holds when a native stream ends unfinished", async () => {
      const stream = async (keyword: string) => {
        await setPolicies([{ id: "kw", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: [`keyword:${keyword}`], action: "deny", inspectResponse: true } }]);
        const res = await fetch(`${t.url}/llm/gemini-unfinished/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse`, {
          method: "POST",
          headers: { "x-goog-api-key": key, "content-type": "application/json" },
          body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
        });
        return { body: await res.text(), record: await auditRecord(t, res.headers.get("x-igris-request-id")!) };
      };
      // "France" ends the last delta: it could still grow into "frances", so its bytes wait for the end.
      const clean = await stream("frances");
      expect(clean.body.startsWith(geminiHead())).toBe(true);
      expect(clean.record).toMatchObject({ outcome: "failed", error: { type: "upstream_stream_interrupted" } });
      const caught = await stream("france");
      expect(caught.body).not.toContain("France");
      const event = JSON.parse(caught.body.trim().split("\n").at(-1)!.slice(6));
      expect(event.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED", details: [{ reason: "content_guard_response" }] });
      expect(caught.record).toMatchObject({ outcome: "denied", policy: { guardFindings: { "keyword:france": 1 } } });
    });

    it("a token guard caps the body's max_tokens upstream", async () => {
      await setPolicies([{ id: "short", target: { kind: "llm_endpoint", endpoint: "passthrough" }, action: "allow", tokenGuard: { maxOutputTokens: 16 } }]);
      const message = await anthropic("claude-synth").messages.create({ model: MODEL, max_tokens: 4000, messages: ask });
      expect((t.mock.requests.at(-1)!.body as { max_tokens: number }).max_tokens).toBe(16);
      expect(message.usage.output_tokens).toBeLessThanOrEqual(16);
    });
  });

  describe("Gemini's API with fetch", () => {
    const gemini = (slug: string, op: string, auth: { header?: string; query?: string }) =>
      fetch(`${t.url}/llm/${slug}/v1beta/models/gemini-2.5-flash:${op}${auth.query ?? ""}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth.header ? { "x-goog-api-key": auth.header } : {}) },
        body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hello" }] }] }),
      });

    it("generateContent with x-goog-api-key: the recorded bytes as they are, thoughts audited as reasoning", async () => {
      const res = await gemini("gemini-json", "generateContent", { header: key });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(fixtureText("google/vercel-google-text.json"));
      const sent = t.mock.requests.at(-1)!;
      expect(sent.path).toMatch(/\/v1beta\/models\/gemini-2\.5-flash:generateContent$/);
      expect(sent.headers["x-goog-api-key"]).toBe(credentials.get("gemini-json"));
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({
        endpoint: "passthrough",
        upstreamModel: "gemini-3-pro-preview",
        // candidatesTokenCount 28 + thoughtsTokenCount 244
        usage: { promptTokens: 9, completionTokens: 28 + 244, reasoningTokens: 244 },
      });
    });

    it("streamGenerateContent?alt=sse with ?key=: the recorded stream byte for byte, the last usageMetadata audited", async () => {
      const res = await gemini("gemini-stream", "streamGenerateContent", { query: `?alt=sse&key=${key}` });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(fixtureText("google/pyd-google-stream.i0.response.sse"));
      const sent = t.mock.requests.at(-1)!;
      // The gateway key stays out of the upstream URL; the virtual key's credential travels in its header.
      expect(sent.url).toMatch(/:streamGenerateContent\?alt=sse$/);
      expect(sent.headers["x-goog-api-key"]).toBe(credentials.get("gemini-stream"));
      expect(t.logs.join("\n")).not.toContain(key);
      // promptTokenCount goes 15, 15, then 13: the last one counts.
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", streamed: true, usage: { promptTokens: 13, completionTokens: 8 } });
    });

    it("batchEmbedContents and Google's own errors come back as Google sent them", async () => {
      const embed = await gemini("gemini-embed", "batchEmbedContents", { header: key });
      expect(await embed.text()).toBe(fixtureText("google/pyd-google-embeddings.i0.response.json"));
      // AI Studio's batchEmbedContents reports no usage.
      expect(await auditRecord(t, embed.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", usage: { promptTokens: null } });
      const quota = await gemini("gemini-429", "generateContent", { header: key });
      expect(quota.status).toBe(429);
      expect(await quota.text()).toBe(fixtureText("google/fb-vertex-quota-exceeded-429.json"));
      expect(await auditRecord(t, quota.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "upstream_error", status: 429, error: { type: "RESOURCE_EXHAUSTED" } });
      const noSse = await gemini("gemini-stream", "streamGenerateContent", { header: key });
      expect(noSse.status).toBe(400);
      expect((await noSse.json()).error.code).toBe("alt_sse_required");
    });
  });

  describe("Cohere's v2 API with fetch", () => {
    const cohere = (slug: string, path: string, body: object) =>
      fetch(`${t.url}/llm/${slug}/v2/${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

    it("/v2/chat answers the recorded JSON as it is, billed units audited", async () => {
      const res = await cohere("cohere-json", "chat", { model: "command-a-03-2025", messages: ask });
      expect(await res.text()).toBe(fixtureText("cohere/vercel-cohere-text.json"));
      expect(t.mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${credentials.get("cohere-json")}`);
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({ endpoint: "passthrough", outcome: "success", usage: { promptTokens: 12, completionTokens: 7 } });
    });

    it("/v2/chat streams Cohere's events through", async () => {
      const res = await cohere("cohere-stream", "chat", { model: "command-a-03-2025", messages: ask, stream: true });
      const body = await res.text();
      const deltas = body
        .split("\n")
        .filter((l) => l.startsWith("data: {"))
        .map((l) => JSON.parse(l.slice(6)))
        .filter((e) => e.type === "content-delta");
      expect(deltas.map((e) => e.delta.message.content.text).join("")).toBe("The capital of France is Paris.");
      expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({ streamed: true, outcome: "success", usage: { promptTokens: 12, completionTokens: 7 } });
    });

    it("ends a stream the provider cut with Cohere's own failed ending, recorded as failed", async () => {
      const res = await cohere("cohere-cut", "chat", { model: "command-a-03-2025", messages: ask, stream: true });
      const last = (await res.text()).trim().split("\n").at(-1)!;
      expect(JSON.parse(last.slice(6))).toMatchObject({ type: "message-end", delta: { finish_reason: "ERROR" } });
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "failed", error: { type: "upstream_stream_interrupted" } });
    });

    it("/v2/embed answers the recorded embeddings, input tokens audited", async () => {
      const res = await cohere("cohere-embed", "embed", { model: "embed-v4.0", texts: ["Hello, world!"], input_type: "search_document", embedding_types: ["float"] });
      const body = await res.json();
      expect(body.texts).toEqual(["Hello, world!"]);
      expect(body.embeddings.float[0].slice(0, 2)).toEqual([-0.018445116, 0.008921167]);
      expect(await auditRecord(t, res.headers.get("x-igris-request-id")!)).toMatchObject({ endpoint: "passthrough", usage: { promptTokens: 4, completionTokens: 0 } });
    });
  });
});
