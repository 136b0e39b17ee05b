import { createHash, randomBytes } from "node:crypto";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

/**
 * Images and audio with the official openai client against an OpenAI-dialect virtual key,
 * on `/v1` (model `@<vk>/<model>`) and on the key's native route `/llm/<vk>/v1` — the two
 * ways to reach the same virtual key, each audited as its own endpoint.
 */
const ROUTES = [
  { name: "on /v1", path: "/v1", model: (m: string) => `@media/${m}`, endpoint: (e: string) => e },
  { name: "on /llm/<vk>/v1", path: "/llm/media/v1", model: (m: string) => m, endpoint: () => "passthrough" },
];

describe("images and audio through the gateway", () => {
  let t: TestGateway;
  let key: string;

  beforeAll(async () => {
    t = await startTestGateway();
    key = await t.apiKey("media");
    await t.virtualKey("media");
    await t.virtualKey("chat-only", { provider: "deepseek" });
    const res = await t.admin("POST", "/api/virtual-keys", { slug: "claude", provider: "anthropic", apiKey: "sk-ant-test", customBaseUrl: t.mock.url });
    expect(res.status, res.text).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  for (const r of ROUTES) {
    describe(r.name, () => {
      const client = () => t.client(key, { baseURL: `${t.url}${r.path}` });
      it("generates an image, the model renamed upstream, its token usage audited", async () => {
        const { data, response } = await client().images.generate({ model: r.model("gpt-image-1"), prompt: "a lighthouse at dusk" }).withResponse();
        const png = Buffer.from(data.data![0]!.b64_json!, "base64");
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        const sent = t.mock.requests.at(-1)!;
        expect(sent.path).toMatch(/\/v1\/images\/generations$/);
        expect(sent.body).toEqual({ model: "gpt-image-1", prompt: "a lighthouse at dusk" });
        expect(sent.headers.authorization).toMatch(/^Bearer sk-test-media-/);
        expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({
          endpoint: r.endpoint("images.generate"),
          outcome: "success",
          usage: { promptTokens: data.usage!.input_tokens, completionTokens: data.usage!.output_tokens },
        });
        // The mock bills a small square image as 272 output tokens.
        expect(data.usage!.output_tokens).toBe(272);
      });

      it("streams speech audio through intact", async () => {
        const input = "The quick brown fox jumps over the lazy dog. ".repeat(40);
        const speech = await client().audio.speech.create({ model: r.model("gpt-4o-mini-tts"), voice: "alloy", input });
        const audio = Buffer.from(await speech.arrayBuffer());
        // The same request straight to the provider: the gateway must not have changed a byte.
        const direct = await fetch(`${t.mock.url}/v1/audio/speech`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-4o-mini-tts", voice: "alloy", input }) });
        const expected = Buffer.from(await direct.arrayBuffer());
        expect(audio.length).toBeGreaterThan(100_000);
        expect(audio.equals(expected)).toBe(true);
        expect(speech.headers.get("content-type")).toBe("audio/mpeg");
        // Piped as it arrives: the gateway cannot know the length before the last byte.
        expect(speech.headers.get("content-length")).toBeNull();
        expect(await auditRecord(t, speech.headers.get("x-igris-request-id")!)).toMatchObject({ endpoint: r.endpoint("audio.speech"), outcome: "success", status: 200 });
      });

      it("forwards a transcription upload byte for byte, with the model field rewritten", async () => {
        const bytes = randomBytes(48_000);
        const { data, response } = await client().audio.transcriptions
          .create({ model: r.model("gpt-4o-transcribe"), file: await toFile(bytes, "clip.mp3", { type: "audio/mpeg" }), language: "en" })
          .withResponse();
        expect(data.text).toContain('"clip.mp3" (48000 bytes)');
        const sent = t.mock.requests.at(-1)!;
        expect(sent.body).toEqual({
          model: "gpt-4o-transcribe",
          language: "en",
          file: { filename: "clip.mp3", type: "audio/mpeg", size: 48_000, sha256: createHash("sha256").update(bytes).digest("hex") },
        });
        const usage = (data as unknown as { usage: { input_tokens: number; output_tokens: number } }).usage;
        expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({
          endpoint: r.endpoint("audio.transcriptions"),
          outcome: "success",
          usage: { promptTokens: usage.input_tokens, completionTokens: usage.output_tokens },
        });
      });
    });
  }

  it("redacts what a person wrote (speech input, transcription prompt) before it leaves", async () => {
    const policy = await t.admin("PUT", "/api/policies", {
      defaultAction: "allow",
      rules: [{ id: "pii", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["email"], action: "redact" } }],
    });
    expect(policy.status, policy.text).toBe(200);
    const openai = t.client(key);
    await openai.audio.speech.create({ model: "@media/gpt-4o-mini-tts", voice: "alloy", input: "write to jane.doe@example.com" });
    expect((t.mock.requests.at(-1)!.body as { input: string }).input).toBe("write to [REDACTED:email]");
    const { response } = await openai.audio.transcriptions
      .create({ model: "@media/gpt-4o-transcribe", file: await toFile(Buffer.from("ID3"), "a.mp3", { type: "audio/mpeg" }), prompt: "names: bob@example.org" })
      .withResponse();
    expect(t.mock.requests.at(-1)!.body).toMatchObject({ model: "gpt-4o-transcribe", prompt: "names: [REDACTED:email]", file: { filename: "a.mp3", size: 3 } });
    expect((await auditRecord(t, response.headers.get("x-igris-request-id")!)).policy.guardFindings).toEqual({ email: 1 });
    await t.admin("PUT", "/api/policies", { rules: [] });
  });

  it("refuses a transcription that is not multipart with 400", async () => {
    const res = await fetch(`${t.url}/v1/audio/transcriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "@media/gpt-4o-transcribe", file: "clip.mp3" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", code: "invalid_content_type" });
  });

  it("refuses an upload without a file with 400", async () => {
    const form = new FormData();
    form.set("model", "@media/gpt-4o-transcribe");
    const res = await fetch(`${t.url}/v1/audio/transcriptions`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("missing_file");
  });

  it("refuses a provider that has no such endpoint with 400, before anything is sent", async () => {
    const openai = t.client(key);
    const before = t.mock.requests.length;
    const anthropic = (await openai.images.generate({ model: "@claude/claude-sonnet-4-6", prompt: "a cat" }).catch((e) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(anthropic).toBeInstanceOf(OpenAI.BadRequestError);
    expect(anthropic.error).toMatchObject({ code: "route_not_for_provider" });
    const native = t.client(key, { baseURL: `${t.url}/llm/claude/v1` });
    const nativeErr = (await native.audio.speech.create({ model: "claude-sonnet-4-6", voice: "alloy", input: "hi" }).catch((e) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(nativeErr.status).toBe(400);
    const deepseek = (await openai.images.generate({ model: "@chat-only/deepseek-chat", prompt: "a cat" }).catch((e) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(deepseek).toBeInstanceOf(OpenAI.BadRequestError);
    expect(deepseek.error).toMatchObject({ code: "endpoint_not_supported" });
    expect(t.mock.requests.length).toBe(before);
  });
});
