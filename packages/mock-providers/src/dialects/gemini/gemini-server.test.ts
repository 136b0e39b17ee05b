import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultFixturesDir } from "../../fixture-store.js";
import { type MockProvider, startMockProvider } from "../../server.js";
import { eventData, splitSseEvents } from "../../sse-events.js";

const fixturesDir = defaultFixturesDir({});
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ fixturesDir });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const ask = { contents: [{ role: "user", parts: [{ text: "Say hello" }] }] };
const VERTEX = "/v1/projects/igris/locations/us-central1/publishers/google";
const fixtureText = (name: string) => readFile(join(fixturesDir, name), "utf8");

function gemini(operation: string, body: object, headers: Record<string, string> = {}, base = "/v1beta", query = "") {
  return fetch(`${mock.url}${base}/models/gemini-2.0-flash:${operation}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function readUntilEvents(res: Response, count: number): Promise<string[]> {
  const reader = res.body!.getReader();
  let text = "";
  while (splitSseEvents(text).filter((e) => /\r?\n\r?\n$/.test(e)).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return splitSseEvents(text);
}

describe("Gemini replay", () => {
  it("replays a JSON recording on AI Studio and on Vertex paths", async () => {
    const recorded = JSON.parse(await fixtureText("google/vercel-google-text.json"));
    for (const base of ["/v1beta", VERTEX]) {
      const res = await gemini("generateContent", ask, { "x-mock": "fixture=google/vercel-google-text" }, base);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(recorded);
    }
  });

  it("frames a .chunks.txt recording as data events with CRLF ends and no [DONE]", async () => {
    const lines = (await fixtureText("google/vercel-google-text-stream.chunks.txt")).trim().split("\n");
    const res = await gemini("streamGenerateContent", ask, { "x-mock": "fixture=google/vercel-google-text-stream" }, "/v1beta", "?alt=sse");
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await res.text()).toBe(lines.map((line) => `data: ${line}\r\n\r\n`).join(""));
  });

  it("sends raw Firebase and pydantic-ai stream recordings verbatim, a trailing bare error object included", async () => {
    for (const file of ["google/fb-googleai-stream-basic-short.txt", "google/pyd-google-stream.i0.response.sse", "google/fb-vertex-stream-error-mid-stream.txt"]) {
      const name = file.replace(/\.(txt|sse)$/, "");
      const res = await gemini("streamGenerateContent", ask, { "x-mock": `fixture=${name}` }, "/v1beta", "?alt=sse");
      expect(res.status, file).toBe(200);
      expect(await res.text(), file).toBe(await fixtureText(file));
    }
  });

  it("answers a recorded error without an http_status with the code its body names", async () => {
    const res = await gemini("generateContent", ask, { "x-mock": "fixture=google/fb-vertex-quota-exceeded-429" });
    expect(res.status).toBe(429);
    expect((await res.json()).error.status).toBe("RESOURCE_EXHAUSTED");
  });

  it("refuses a JSON recording for streamGenerateContent", async () => {
    const res = await gemini("streamGenerateContent", ask, { "x-mock": "fixture=google/vercel-google-text" }, "/v1beta", "?alt=sse");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-mock-error")).toBe("mock_fixture_mismatch");
    expect((await res.json()).error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  });

  it("says so when a stream is asked for without ?alt=sse", async () => {
    const res = await gemini("streamGenerateContent", ask);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-mock-error")).toBe("mock_unsupported");
    expect((await res.json()).error.message).toContain("alt=sse");
  });
});

describe("Gemini errors and auth", () => {
  it("answers injected statuses in Google's envelope, with RetryInfo on a 429", async () => {
    const limited = await gemini("generateContent", ask, { "x-mock": "status=429;retry-after=7" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await limited.json()).error).toMatchObject({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }],
    });
    const missing = await gemini("generateContent", ask, { "x-mock": "status=404" });
    expect((await missing.json()).error).toMatchObject({
      code: 404,
      status: "NOT_FOUND",
      message: expect.stringContaining("models/gemini-2.0-flash is not found for API version v1beta"),
    });
    const invalid = await gemini("generateContent", ask, { "x-mock": "status=400" });
    expect((await invalid.json()).error.status).toBe("INVALID_ARGUMENT");
  });

  it("checks whichever credential is present: header, ?key= or a Vertex bearer token", async () => {
    const expect_ = { "x-mock": "expect-key=AIza-right" };
    expect((await gemini("generateContent", ask, { ...expect_, "x-goog-api-key": "AIza-right" })).status).toBe(200);
    expect((await gemini("generateContent", ask, expect_, "/v1beta", "?key=AIza-right")).status).toBe(200);
    expect((await gemini("generateContent", ask, { ...expect_, authorization: "Bearer AIza-right" }, VERTEX)).status).toBe(200);

    const wrongKey = await gemini("generateContent", ask, expect_, "/v1beta", "?key=AIza-wrong");
    expect(wrongKey.status).toBe(400);
    expect((await wrongKey.json()).error).toMatchObject({ status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }, {}] });
    const unregistered = await gemini("generateContent", ask, expect_);
    expect(unregistered.status).toBe(403);
    expect((await unregistered.json()).error.status).toBe("PERMISSION_DENIED");
    const wrongToken = await gemini("generateContent", ask, { ...expect_, authorization: "Bearer ya29.wrong" }, VERTEX);
    expect(wrongToken.status).toBe(401);
    expect((await wrongToken.json()).error.status).toBe("UNAUTHENTICATED");
    expect((await gemini("generateContent", ask, expect_, VERTEX)).status).toBe(401);
  });

  it("logs the query string with the request", async () => {
    await gemini("streamGenerateContent", ask, {}, "/v1beta", "?alt=sse");
    expect(mock.requests[0]).toMatchObject({ path: "/v1beta/models/gemini-2.0-flash:streamGenerateContent", url: "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse" });
  });
});

describe("Gemini faults", () => {
  it("stall=n sends n chunks, then silence until the client gives up", async () => {
    const abort = new AbortController();
    const res = await fetch(`${mock.url}/_mock/fixture=google/vercel-google-text-stream;stall=2/v1beta/models/m:streamGenerateContent?alt=sse`, {
      method: "POST",
      body: JSON.stringify(ask),
      signal: abort.signal,
    });
    expect(await readUntilEvents(res, 2)).toHaveLength(2);
    const closed = mock.waitForClientClose(2_000);
    abort.abort();
    expect((await closed).clientClosedEarly).toBe(true);
  });
});

describe("Gemini synthesized answers", () => {
  it("answers generateContent and a stream that adds up to the same text and usage", async () => {
    const whole = await (await gemini("generateContent", ask)).json();
    expect(whole.candidates[0]).toMatchObject({ finishReason: "STOP", content: { role: "model" } });
    expect(whole.candidates[0].content.parts[0].text).toContain('You asked: "Say hello"');
    expect(whole.modelVersion).toBe("gemini-2.0-flash");

    const res = await gemini("streamGenerateContent", ask, {}, "/v1beta", "?alt=sse");
    const text = await res.text();
    expect(text).not.toContain("[DONE]");
    const chunks = splitSseEvents(text).map((event) => JSON.parse(eventData(event)!));
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join("")).toBe(whole.candidates[0].content.parts[0].text);
    expect(chunks.at(-1).usageMetadata).toEqual(whole.usageMetadata);
    expect(chunks.at(-1).candidates[0].finishReason).toBe("STOP");
  });

  it("honours maxOutputTokens with MAX_TOKENS", async () => {
    const res = await gemini("generateContent", { ...ask, generationConfig: { maxOutputTokens: 3 } });
    const body = await res.json();
    expect(body.candidates[0].finishReason).toBe("MAX_TOKENS");
    expect(body.usageMetadata.candidatesTokenCount).toBe(3);
  });

  it("embeds with embedContent, batchEmbedContents and Vertex predict", async () => {
    const one = await (await gemini("embedContent", { content: { parts: [{ text: "hi" }] }, outputDimensionality: 8 })).json();
    expect(one.embedding.values).toHaveLength(8);
    const batch = await (await gemini("batchEmbedContents", { requests: [{ content: { parts: [{ text: "hi" }] }, outputDimensionality: 8 }, { content: { parts: [{ text: "yo" }] } }] })).json();
    expect(batch.embeddings[0].values).toEqual(one.embedding.values);
    expect(batch.embeddings[1].values).toHaveLength(16);
    const predicted = await (await gemini("predict", { instances: [{ content: "hi" }] }, {}, VERTEX)).json();
    expect(predicted.predictions[0].embeddings).toMatchObject({ statistics: { truncated: false, token_count: 1 }, values: expect.any(Array) });
    expect(predicted.metadata.billableCharacterCount).toBe(2);
  });

  it("refuses a request without contents as Gemini does", async () => {
    const res = await gemini("generateContent", {});
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  });
});
