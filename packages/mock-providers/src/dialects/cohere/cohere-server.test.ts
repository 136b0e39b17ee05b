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

const ask = { model: "command-a-03-2025", messages: [{ role: "user", content: "Say hello" }] };
const fixtureText = (name: string) => readFile(join(fixturesDir, name), "utf8");

function cohere(operation: "chat" | "embed", body: object, headers: Record<string, string> = {}) {
  return fetch(`${mock.url}/v2/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer co-test", ...headers },
    body: JSON.stringify(body),
  });
}

describe("Cohere replay", () => {
  it("replays a JSON recording", async () => {
    const res = await cohere("chat", ask, { "x-mock": "fixture=cohere/vercel-cohere-text" });
    expect(await res.json()).toEqual(JSON.parse(await fixtureText("cohere/vercel-cohere-text.json")));
  });

  it("frames a .chunks.txt recording as named events closed by [DONE]", async () => {
    const lines = (await fixtureText("cohere/vercel-cohere-text-stream.chunks.txt")).trim().split("\n");
    const res = await cohere("chat", { ...ask, stream: true }, { "x-mock": "fixture=cohere/vercel-cohere-text-stream" });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const expected = lines.map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`).join("") + "data: [DONE]\n\n";
    expect(await res.text()).toBe(expected);
  });

  it("replays a recorded 404 and refuses a stream recording for a JSON request", async () => {
    const missing = await cohere("embed", { model: "nonexistent", texts: ["x"] }, { "x-mock": "fixture=cohere/pyd-cohere-embed-404.i0.response" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toContain("not found");
    const mismatch = await cohere("chat", ask, { "x-mock": "fixture=cohere/vercel-cohere-text-stream" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers.get("x-mock-error")).toBe("mock_fixture_mismatch");
    expect(await mismatch.json()).toEqual({ id: expect.any(String), message: expect.stringContaining("is a stream") });
  });
});

describe("Cohere errors and auth", () => {
  it("answers injected statuses with {id, message}", async () => {
    for (const status of [429, 500, 400, 404]) {
      const res = await cohere("chat", ask, { "x-mock": `status=${status}` });
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(Object.keys(body).sort()).toEqual(["id", "message"]);
    }
  });

  it("checks the bearer token against expect-key", async () => {
    expect((await cohere("chat", ask, { "x-mock": "expect-key=co-right", authorization: "Bearer co-right" })).status).toBe(200);
    const wrong = await cohere("chat", ask, { "x-mock": "expect-key=co-right" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe("invalid api token");
    const missing = await fetch(`${mock.url}/_mock/expect-key=co-right/v2/chat`, { method: "POST", body: JSON.stringify(ask) });
    expect(missing.status).toBe(401);
    expect((await missing.json()).message).toBe("no api key supplied");
  });
});

describe("Cohere faults", () => {
  it("cut=n sends n events, without message-end or [DONE]", async () => {
    const res = await cohere("chat", { ...ask, stream: true }, { "x-mock": "cut=2" });
    const reader = res.body!.getReader();
    let text = "";
    const failure = await (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return undefined;
          text += new TextDecoder().decode(value);
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(Error);
    expect(splitSseEvents(text).map((e) => e.split("\n")[0])).toEqual(["event: message-start", "event: content-start"]);
  });
});

describe("Cohere synthesized answers", () => {
  it("answers chat, and a stream carrying the same text and usage", async () => {
    const whole = await (await cohere("chat", ask)).json();
    expect(whole).toMatchObject({ finish_reason: "COMPLETE", message: { role: "assistant" } });
    const text: string = whole.message.content[0].text;
    expect(text).toContain('You asked: "Say hello"');

    const events = splitSseEvents(await (await cohere("chat", { ...ask, stream: true })).text());
    expect(events.at(-1)).toBe("data: [DONE]\n\n");
    const payloads = events.slice(0, -1).map((e) => JSON.parse(eventData(e)!));
    expect(payloads.map((p) => p.type).filter((t) => t !== "content-delta")).toEqual(["message-start", "content-start", "content-end", "message-end"]);
    expect(payloads.filter((p) => p.type === "content-delta").map((p) => p.delta.message.content.text).join("")).toBe(text);
    expect(payloads.at(-1).delta).toEqual({ finish_reason: "COMPLETE", usage: whole.usage });
  });

  it("embeds texts by type, and refuses types it cannot encode", async () => {
    const body = await (await cohere("embed", { model: "embed-v4.0", texts: ["a", "b"], input_type: "search_query", embedding_types: ["float", "int8"], output_dimension: 8 })).json();
    expect(body).toMatchObject({ response_type: "embeddings_by_type", texts: ["a", "b"], meta: { api_version: { version: "2" } } });
    expect(body.embeddings.float).toHaveLength(2);
    expect(body.embeddings.int8[0]).toHaveLength(8);
    const binary = await cohere("embed", { model: "embed-v4.0", texts: ["a"], embedding_types: ["binary"] });
    expect(binary.status).toBe(400);
  });
});
