import { readFile } from "node:fs/promises";
import { join } from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFixturesDir } from "./fixture-store.js";
import { type MockProvider, startMockProvider } from "./server.js";
import { eventData, splitSseEvents } from "./sse-events.js";

const fixturesDir = defaultFixturesDir({});
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ fixturesDir });
});
afterAll(() => mock.close());

function chat(body: object, headers: Record<string, string> = {}, path = "/v1/chat/completions") {
  return fetch(mock.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const fixtureText = (name: string) => readFile(join(fixturesDir, name), "utf8");
const streamRequest = { model: "any", messages: [], stream: true };

describe("replaying recorded fixtures", () => {
  it("replays a .chunks.txt fixture as SSE events ending in [DONE]", async () => {
    const res = await chat({ ...streamRequest, stream_options: { include_usage: true } }, {
      "x-mock": "fixture=openai/vercel-openai-text-stream",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const lines = (await fixtureText("openai/vercel-openai-text-stream.chunks.txt")).trim().split("\n");
    const events = splitSseEvents(await res.text());
    expect(events.map((e) => eventData(e))).toEqual([...lines, "[DONE]"]);
  });

  it("drops the final usage event unless the request asked for include_usage", async () => {
    const res = await chat(streamRequest, { "x-mock": "fixture=openai/vercel-openai-text-stream" });
    const events = splitSseEvents(await res.text());
    const lines = (await fixtureText("openai/vercel-openai-text-stream.chunks.txt")).trim().split("\n");
    expect(events).toHaveLength(lines.length); // one line fewer, plus [DONE]
    expect(events.some((e) => e.includes('"choices":[]'))).toBe(false);
    expect(eventData(events.at(-1)!)).toBe("[DONE]");
  });

  it("sends a .sse fixture byte for byte", async () => {
    const res = await chat({ ...streamRequest, stream_options: { include_usage: true } }, {
      "x-mock": "fixture=openai/pyd-openai-stream-tool-call-include-usage.i0.response",
    });
    expect(await res.text()).toBe(await fixtureText("openai/pyd-openai-stream-tool-call-include-usage.i0.response.sse"));
  });

  it("replays an in-band error stream with its 200 status and no [DONE]", async () => {
    const res = await chat(streamRequest, { "x-mock": "fixture=groq/pyd-groq-tool-use-failed-stream.i0.response" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(await fixtureText("groq/pyd-groq-tool-use-failed-stream.i0.response.sse"));
    expect(text).toContain("event: error");
  });

  it("answers an error fixture with its recorded status, even for a stream request", async () => {
    const expected = JSON.parse(await fixtureText("openai/pyd-openai-model-not-found-404.i0.response.json"));
    for (const body of [{ model: "m", messages: [] }, streamRequest]) {
      const res = await chat(body, { "x-mock": "fixture=openai/pyd-openai-model-not-found-404.i0.response" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toEqual(expected);
    }
  });

  it("takes a fixture from the base-URL prefix with its slash unencoded", async () => {
    const res = await chat({ model: "m", messages: [] }, {}, "/_mock/fixture=xai/vercel-xai-text/v1/chat/completions");
    expect(res.headers.get("x-mock-source")).toBe("fixture:xai/vercel-xai-text");
    expect(await res.json()).toEqual(JSON.parse(await fixtureText("xai/vercel-xai-text.json")));
  });

  it("lets status override the recorded status while keeping the fixture body", async () => {
    const res = await chat({ model: "m", messages: [] }, { "x-mock": "fixture=xai/vercel-xai-text;status=503" });
    expect(res.status).toBe(503);
    expect((await res.json()).model).toBe("grok-3-mini");
  });

  it("refuses a stream fixture for a non-stream request, naming the fixture", async () => {
    const res = await chat({ model: "m", messages: [] }, { "x-mock": "fixture=openai/vercel-openai-text-stream" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('fixture "openai/vercel-openai-text-stream"');
  });

  it("answers 500 naming the path for a fixture that does not exist", async () => {
    const res = await chat(streamRequest, { "x-mock": "fixture=openai/no-such-recording" });
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toContain(join(fixturesDir, "openai", "no-such-recording"));
  });
});

describe("choosing a response by model", () => {
  it("replays the model's recording when the table has one", async () => {
    const res = await chat({ model: "gpt-4.1-nano", messages: [{ role: "user", content: "hi" }] });
    expect(res.headers.get("x-mock-source")).toBe("fixture:openai/vercel-openai-text.json");
    expect(await res.json()).toEqual(JSON.parse(await fixtureText("openai/vercel-openai-text.json")));
  });

  it("synthesizes for any other model, and the OpenAI SDK reads it like the real thing", async () => {
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${mock.url}/v1` });
    const completion = await client.chat.completions.create({
      model: "igris-demo",
      messages: [{ role: "user", content: "Say hello" }],
    });
    expect(completion.choices[0]!.message.content).toContain('You asked: "Say hello"');

    const stream = await client.chat.completions.create({
      model: "igris-demo",
      messages: [{ role: "user", content: "Say hello" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(completion.choices[0]!.message.content);
    expect(usage).toEqual(completion.usage);
  });

  it("serves embeddings the OpenAI SDK decodes, recorded for text-embedding-3-small and synthesized otherwise", async () => {
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${mock.url}/v1` });
    const recorded = await client.embeddings.create({ model: "text-embedding-3-small", input: "Hello, world!" });
    expect(recorded.data[0]!.embedding).toHaveLength(1536);
    const synthesized = await client.embeddings.create({ model: "embed-demo", input: ["a", "b"], dimensions: 8 });
    expect(synthesized.data.map((d) => d.embedding.length)).toEqual([8, 8]);
  });

  it("still synthesizes when the fixtures dir is missing", async () => {
    const bare = await startMockProvider({ fixturesDir: join(fixturesDir, "missing-dir") });
    try {
      const res = await fetch(`${bare.url}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "gpt-4.1-nano", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-mock-source")).toBe("synthesized");
      const asked = await fetch(`${bare.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "x-mock": "fixture=openai/vercel-openai-text" },
        body: "{}",
      });
      expect(asked.status).toBe(500);
      expect((await asked.json()).error.message).toContain(join(fixturesDir, "missing-dir"));
    } finally {
      await bare.close();
    }
  });
});
