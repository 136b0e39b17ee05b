import { FixtureStore } from "@igris/mock-providers";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenAIChatChunk } from "../providers/dialects/dialect.js";
import { translatedDialect } from "../providers/dialects/index.js";
import { openAIUsage } from "../providers/dialects/shared/openai-shapes.js";
import { normaliseUpstreamError } from "../providers/dialects/openai/upstream-error.js";
import { readOpenAIUsage } from "../providers/dialects/openai/usage.js";
import type { Usage } from "../providers/usage.js";
import { PROVIDERS } from "../providers/registry.js";
import { type ClientView, meaningOfChunks, viewOfChunks, viewOfCompletion } from "../testing/client-view.js";
import { WIRE_FIXTURES_DIR } from "../testing/fixtures.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { cassetteText, fixtureEvents, fixtureText, type WireCase, wireCases } from "../testing/wire-cases.js";

/**
 * Every recorded response in ../shared/fixtures/wire, replayed by the mock provider in its
 * own dialect, through the gateway, read by the official openai client. Each answer must
 * come out as its dialect's translation of the recording (which the dialect's unit tests
 * check against literal values): same text, reasoning, tool calls, finish reason and usage;
 * errors with the recorded status and the translated error body; audited with that usage.
 */
const ask = [{ role: "user" as const, content: "hello" }];
const BEDROCK_CREDENTIAL = JSON.stringify({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1" });

/** The registry provider and base URL that make the mock replay `c` in its own dialect. */
function target(c: WireCase, mock: string): { provider: string; baseUrl: string; credential: string } {
  const at = `${mock}/_mock/fixture=${c.fixture}`;
  switch (c.folder) {
    case "azure":
      return { provider: "azure-openai", baseUrl: `${at}/openai/v1`, credential: "azure-test-key" };
    case "openai-compatible":
      return { provider: "openrouter", baseUrl: `${at}/v1`, credential: "sk-test" };
    case "anthropic":
      return { provider: "anthropic", baseUrl: at, credential: "sk-ant-test" };
    case "google":
      return /vertex/.test(c.file)
        ? { provider: "vertex-ai", baseUrl: `${at}/v1/projects/igris-test/locations/us-central1/publishers/google`, credential: "ya29.test-token" }
        : { provider: "google", baseUrl: `${at}/v1beta`, credential: "AIza-test-key" };
    case "bedrock":
      return { provider: "bedrock", baseUrl: at, credential: BEDROCK_CREDENTIAL };
    case "cohere":
      return { provider: "cohere", baseUrl: at, credential: "co-test-key" };
    default:
      return { provider: c.folder, baseUrl: `${at}/v1`, credential: "sk-test" };
  }
}

const dialectOf = (provider: string) => PROVIDERS.find((p) => p.slug === provider)!.dialect;
const IDENT = { id: "chatcmpl-expected", created: 0, model: "expected" };

interface Expected {
  view: ClientView | null;
  /** The usage the audit record must hold (normalised: xAI's reasoning inside completion, cache reads inside prompt). */
  audit: Usage | null;
  /** An in-band error the stream must end with. */
  streamError: string | null;
}

/** What the client should see: the dialect's translation of the recording (the recording itself for OpenAI). */
function expectedFor(c: WireCase, provider: string): Expected {
  const dialect = translatedDialect(dialectOf(provider));
  if (c.kind === "json") {
    const json = JSON.parse(fixtureText(c));
    if (!dialect) return { view: viewOfCompletion(json), audit: readOpenAIUsage(json.usage), streamError: null };
    const translated = dialect.chatResponse(json, IDENT);
    return { view: viewOfCompletion(translated.body as never), audit: translated.usage, streamError: null };
  }
  const events = fixtureEvents(c);
  if (dialect) {
    const t = dialect.chatStream(IDENT);
    const chunks: OpenAIChatChunk[] = [];
    for (const e of events) {
      chunks.push(...t.push(e));
      if (t.error) break;
    }
    const view = viewOfChunks(chunks);
    view.usage = t.usage ? viewOfCompletion({ usage: openAIUsage(t.usage) }).usage : null;
    return { view, audit: t.usage, streamError: t.error?.message ?? null };
  }
  const failed = events.find((e) => e.event === "error" || (e.data as { error?: unknown })?.error);
  const chunks = events.slice(0, failed ? events.indexOf(failed) : events.length).map((e) => e.data as Record<string, unknown>);
  const usage = chunks.filter((ch) => ch?.usage).at(-1)?.usage;
  return { view: meaningOfChunks(chunks), audit: readOpenAIUsage(usage), streamError: failed ? "error" : null };
}

const auditUsage = (u: Usage) => ({ promptTokens: u.promptTokens, completionTokens: u.completionTokens, cachedTokens: u.cachedTokens, reasoningTokens: u.reasoningTokens });

/** Bedrock embeddings are called per model family: the recorded request's model id says which. */
function recordedModel(c: WireCase): string {
  const m = /\/model\/([^/\s]+)\/invoke/.exec(cassetteText(c));
  return m ? decodeURIComponent(m[1]!) : "test-model";
}

/** Generated ids (Gemini has none) cannot match: check their shape, then compare the rest. */
function comparable(view: ClientView, generatedIds: boolean): ClientView {
  if (!generatedIds) return view;
  for (const call of view.toolCalls) {
    expect(call.id).toMatch(/^call_/);
    call.id = "generated";
  }
  return view;
}

describe("every recorded response, through the gateway, read by the openai client", () => {
  let t: TestGateway;
  let openai: OpenAI;
  const store = new FixtureStore(WIRE_FIXTURES_DIR);
  const cases = wireCases().filter((c) => c.api !== "other");

  beforeAll(async () => {
    t = await startTestGateway();
    openai = new OpenAI({ apiKey: await t.apiKey("wire"), baseURL: `${t.url}/v1`, maxRetries: 0 });
    let n = 0;
    for (const c of cases) {
      const { provider, baseUrl, credential } = target(c, t.mock.url);
      const res = await t.admin("POST", "/api/virtual-keys", { slug: `w${n++}`, provider, apiKey: credential, customBaseUrl: baseUrl });
      expect(res.status, res.text).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it("covers every response fixture but the Responses / legacy Completions API recordings", () => {
    const other = wireCases().filter((c) => c.api === "other").map((c) => c.file);
    expect(other.every((f) => /responses|completion-legacy|thinking-part|mistral-thinking/.test(f))).toBe(true);
    expect(cases.length).toBeGreaterThan(130);
  });

  cases.forEach((c, n) => {
    const slug = `w${n}`;
    it(`${c.kind} ${c.file}`, async () => {
      const { provider } = target(c, t.mock.url);
      const recorded = await store.load(c.fixture);
      const model = `@${slug}/${c.folder === "bedrock" && c.api === "embeddings" ? recordedModel(c) : "test-model"}`;
      const generatedIds = provider === "google" || provider === "vertex-ai";

      if (c.api === "embeddings") {
        if (c.kind === "error") {
          const err = await openai.embeddings.create({ model, input: "hello", encoding_format: "float" }).catch((e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
          expect((err as { status?: number }).status).toBe(recorded.status);
          return;
        }
        const { data, response } = await openai.embeddings.create({ model, input: "hello", encoding_format: "float" }).withResponse();
        expect(data.data.length).toBeGreaterThan(0);
        expect(data.data[0]!.embedding.length).toBeGreaterThan(0);
        const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
        expect(record.outcome).toBe("success");
        return;
      }

      if (c.kind === "error" && recorded.status >= 400) {
        const dialect = translatedDialect(dialectOf(provider));
        const body = dialect ? dialect.error(recorded.status, fixtureText(c)) : normaliseUpstreamError(recorded.status, fixtureText(c), "");
        const err = (await openai.chat.completions.create({ model, messages: ask }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
        expect(err).toBeInstanceOf(OpenAI.APIError);
        expect(err.status).toBe(recorded.status);
        expect((err.error as { message?: string }).message).toBe(body.error.message);
        expect((err.error as { type?: string }).type).toBe(body.error.type);
        const record = await auditRecord(t, err.headers!.get("x-igris-request-id")!);
        expect(record).toMatchObject({ outcome: "upstream_error", status: recorded.status });
        return;
      }

      const expected = expectedFor(c.kind === "error" ? { ...c, kind: "stream" } : c, provider);
      if (recorded.kind === "json") {
        const { data, response } = await openai.chat.completions.create({ model, messages: ask }).withResponse();
        expect(comparable(viewOfCompletion(data as never), generatedIds)).toEqual(comparable(expected.view!, generatedIds));
        const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
        expect(record.outcome).toBe("success");
        if (expected.audit) expect(record.usage).toMatchObject(auditUsage(expected.audit));
        return;
      }

      const { data: stream, response } = await openai.chat.completions.create({ model, messages: ask, stream: true, stream_options: { include_usage: true } }).withResponse();
      const chunks: Record<string, unknown>[] = [];
      let thrown: Error | null = null;
      try {
        for await (const chunk of stream) chunks.push(chunk as never);
      } catch (e) {
        thrown = e as Error;
      }
      const record = await auditRecord(t, response.headers.get("x-igris-request-id")!);
      if (expected.streamError) {
        expect(thrown, "the stream must end with the provider's error").not.toBeNull();
        expect(record.outcome).toBe("failed");
        return;
      }
      expect(thrown).toBeNull();
      const got = viewOfChunks(chunks);
      const want = expected.view!;
      expect(comparable(got, generatedIds)).toEqual(comparable(want, generatedIds));
      expect(record.outcome).toBe("success");
      if (expected.audit) expect(record.usage).toMatchObject(auditUsage(expected.audit));
    });
  });
});
