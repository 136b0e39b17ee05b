import { createHash } from "node:crypto";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "../../server.js";

let mock: MockProvider;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProvider();
  client = new OpenAI({ apiKey: "sk-test", baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const PNG_SIGNATURE = "89504e470d0a1a0a";

function post(path: string, body: object, headers: Record<string, string> = {}) {
  return fetch(`${mock.url}/v1${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

describe("images", () => {
  it("answers GPT image models with base64 PNGs and token usage, the same for the same prompt", async () => {
    const first = await client.images.generate({ model: "gpt-image-1", prompt: "a red fox", n: 2 });
    expect(first.data).toHaveLength(2);
    const png = Buffer.from(first.data![0]!.b64_json!, "base64");
    expect(png.subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
    expect(first.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 544 });
    const again = await client.images.generate({ model: "gpt-image-1", prompt: "a red fox" });
    expect(again.data![0]!.b64_json).toBe(first.data![0]!.b64_json);
    expect(first.data![1]!.b64_json).not.toBe(first.data![0]!.b64_json);
  });

  it("answers DALL·E models with a URL the mock itself serves", async () => {
    const result = await client.images.generate({ model: "dall-e-3", prompt: "a lighthouse" });
    const { url, revised_prompt } = result.data![0]!;
    expect(revised_prompt).toBe("a lighthouse");
    expect(url).toMatch(new RegExp(`^${mock.url}/_mock/images/[0-9a-f]{8}\\.png$`));
    const image = await fetch(url!);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
    expect(result.usage).toBeUndefined();
  });

  it("refuses a missing prompt and formats it cannot make, OpenAI-style", async () => {
    expect((await (await post("/images/generations", { model: "gpt-image-1" })).json()).error.param).toBe("prompt");
    const jpeg = await post("/images/generations", { model: "gpt-image-1", prompt: "x", output_format: "jpeg" });
    expect(jpeg.status).toBe(400);
  });

  it("injects statuses and checks keys like the chat route", async () => {
    const limited = await post("/images/generations", { prompt: "x" }, { "x-mock": "status=429" });
    expect((await limited.json()).error.code).toBe("rate_limit_exceeded");
    const wrong = await post("/images/generations", { prompt: "x" }, { "x-mock": "expect-key=sk-right", authorization: "Bearer sk-nope" });
    expect(wrong.status).toBe(401);
  });
});

describe("speech", () => {
  it("answers MP3 bytes derived from the input: the same input gives the same bytes, longer input more", async () => {
    const speak = async (input: string) => {
      const res = await post("/audio/speech", { model: "gpt-4o-mini-tts", voice: "alloy", input });
      expect(res.headers.get("content-type")).toBe("audio/mpeg");
      return Buffer.from(await res.arrayBuffer());
    };
    const hello = await speak("Hello there, how are you today?");
    expect(hello.subarray(0, 3).toString("latin1")).toBe("ID3");
    expect(hello.includes(Buffer.from([0xff, 0xfb, 0x90, 0xc0]))).toBe(true);
    const digest = createHash("sha256").update("alloy\u0000Hello there, how are you today?").digest("hex");
    expect(hello.includes(Buffer.from(digest))).toBe(true);
    expect((await speak("Hello there, how are you today?")).equals(hello)).toBe(true);
    expect((await speak("Hello there, how are you today? I am fine, thanks for asking.")).length).toBeGreaterThan(hello.length);
  });

  it("answers WAV on request, and refuses formats it cannot encode", async () => {
    const wav = await post("/audio/speech", { model: "tts-1", voice: "nova", input: "hi", response_format: "wav" });
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await wav.arrayBuffer()).subarray(0, 4).toString("latin1")).toBe("RIFF");
    const opus = await post("/audio/speech", { model: "tts-1", voice: "nova", input: "hi", response_format: "opus" });
    expect(opus.status).toBe(400);
    expect((await opus.json()).error.param).toBe("response_format");
  });

  it("the OpenAI SDK reads the audio", async () => {
    const response = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Testing one two three" });
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 3).toString("latin1")).toBe("ID3");
  });
});

describe("transcriptions", () => {
  const audio = Buffer.alloc(32_000, 7);

  it("answers the OpenAI SDK's upload and logs its fields and file intact", async () => {
    const result = await client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(audio, "meeting.mp3", { type: "audio/mpeg" }),
      language: "en",
      prompt: "Igris",
    });
    expect(result.text).toContain('"meeting.mp3" (32000 bytes)');
    expect(mock.requests[0]!.body).toEqual({
      model: "whisper-1",
      language: "en",
      prompt: "Igris",
      file: { filename: "meeting.mp3", type: "audio/mpeg", size: 32_000, sha256: createHash("sha256").update(audio).digest("hex") },
    });
  });

  it("answers verbose_json with duration, segments, words on request and usage", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    form.append("response_format", "verbose_json");
    form.append("timestamp_granularities[]", "word");
    form.append("timestamp_granularities[]", "segment");
    form.append("file", new Blob([audio], { type: "audio/mpeg" }), "a.mp3");
    const res = await fetch(`${mock.url}/v1/audio/transcriptions`, { method: "POST", body: form });
    const body = await res.json();
    expect(body).toMatchObject({ task: "transcribe", language: "english", duration: 2, usage: { type: "duration", seconds: 2 } });
    expect(body.words.length).toBeGreaterThan(3);
    expect(body.segments).toHaveLength(1);
    expect(mock.requests[0]!.body).toMatchObject({ "timestamp_granularities[]": ["word", "segment"] });
  });

  it("answers text formats as text, and translations too", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    form.append("response_format", "srt");
    form.append("file", new Blob([audio]), "a.wav");
    const srt = await fetch(`${mock.url}/v1/audio/translations`, { method: "POST", body: form });
    expect(srt.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await srt.text()).toMatch(/^1\n00:00:00,000 --> 00:00:00,670\n.*translated "a.wav"/);
  });

  it("refuses JSON, and an upload without a file", async () => {
    const json = await post("/audio/transcriptions", { model: "whisper-1" });
    expect(json.status).toBe(400);
    const form = new FormData();
    form.append("model", "whisper-1");
    const noFile = await fetch(`${mock.url}/v1/audio/transcriptions`, { method: "POST", body: form });
    expect((await noFile.json()).error).toMatchObject({ param: "file", code: "missing_required_parameter" });
  });
});
