import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
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

const ask = { model: "claude-mock-1", max_tokens: 200, messages: [{ role: "user", content: "Say hello" }] };
const fixtureText = (name: string) => readFile(join(fixturesDir, name), "utf8");

function messages(body: object, headers: Record<string, string> = {}, prefix = "") {
  return fetch(`${mock.url}${prefix}/v1/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "sk-ant-test", ...headers },
    body: JSON.stringify(body),
  });
}

function client(directives = "") {
  return new Anthropic({ apiKey: "sk-ant-test", baseURL: `${mock.url}${directives && `/_mock/${directives}`}`, maxRetries: 0 });
}

describe("Anthropic replay", () => {
  it("replays a JSON recording that the Anthropic SDK reads", async () => {
    const recorded = JSON.parse(await fixtureText("anthropic/vercel-anthropic-text.json"));
    const message = await client("fixture=anthropic/vercel-anthropic-text").messages.create(ask as Anthropic.MessageCreateParamsNonStreaming);
    expect(message.content).toEqual(recorded.content);
    expect(message.usage.output_tokens).toBe(29);
    // The 1.x SDK sends its key as a bearer token.
    expect(mock.requests[0]!.headers.authorization).toBe("Bearer sk-ant-test");
  });

  it("frames a .chunks.txt recording as named events, one per payload, without [DONE]", async () => {
    const lines = (await fixtureText("anthropic/vercel-anthropic-text-stream.chunks.txt")).trim().split("\n");
    const res = await messages({ ...ask, stream: true }, { "x-mock": "fixture=anthropic/vercel-anthropic-text-stream" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const expected = lines.map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`).join("");
    expect(await res.text()).toBe(expected);
  });

  it("sends a .sse recording byte for byte, and the SDK assembles its thinking and text", async () => {
    const name = "anthropic/pyd-anthropic-thinking-stream.i0.response";
    const res = await messages({ ...ask, stream: true }, { "x-mock": `fixture=${name}` });
    expect(await res.text()).toBe(await fixtureText(`${name}.sse`));

    const stream = client(`fixture=${name}`).messages.stream(ask as Anthropic.MessageCreateParamsNonStreaming);
    const final = await stream.finalMessage();
    expect(final.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(final.stop_reason).toBe("end_turn");
  });

  it("refuses a stream recording for a non-stream request in Anthropic's error shape", async () => {
    const res = await messages(ask, { "x-mock": "fixture=anthropic/vercel-anthropic-text-stream" });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-mock-error")).toBe("mock_fixture_mismatch");
    const body = await res.json();
    expect(body).toMatchObject({ type: "error", error: { type: "invalid_request_error" }, request_id: expect.stringMatching(/^req_/) });
    expect(body.error.message).toContain("is a stream");
  });

  it("answers a recorded error with its status", async () => {
    const res = await messages(ask, { "x-mock": "fixture=anthropic/pyd-anthropic-model-not-found-404.i0.response" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.type).toBe("not_found_error");
  });
});

describe("Anthropic errors and auth", () => {
  it("answers injected statuses with Anthropic's error types", async () => {
    for (const [status, type] of [
      [429, "rate_limit_error"],
      [529, "overloaded_error"],
      [500, "api_error"],
      [404, "not_found_error"],
    ] as const) {
      const res = await messages(ask, { "x-mock": `status=${status};retry-after=3` });
      expect(res.status).toBe(status);
      expect(res.headers.get("retry-after")).toBe("3");
      const body = await res.json();
      expect(body).toEqual({ type: "error", error: { type, message: expect.any(String) }, request_id: res.headers.get("request-id") });
    }
  });

  it("the SDK surfaces an injected 529 as an overloaded error", async () => {
    const error = await client("status=529").messages.create(ask as Anthropic.MessageCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
  });

  it("checks the x-api-key header, or a bearer token, against expect-key", async () => {
    const wrong = await messages(ask, { "x-mock": "expect-key=sk-ant-right" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toEqual({ type: "authentication_error", message: "invalid x-api-key" });
    const missing = await fetch(`${mock.url}/_mock/expect-key=sk-ant-right/v1/messages`, { method: "POST", body: JSON.stringify(ask) });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toEqual({ type: "authentication_error", message: "x-api-key header is required" });
    expect((await messages(ask, { "x-mock": "expect-key=sk-ant-right", "x-api-key": "sk-ant-right" })).status).toBe(200);
    const bearer = await messages(ask, { "x-mock": "expect-key=sk-ant-right", "x-api-key": "", authorization: "Bearer sk-ant-right" });
    expect(bearer.status).toBe(200);
  });

  it("names the first missing required field", async () => {
    const res = await messages({ model: "claude-sonnet-4-5", messages: [] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ type: "invalid_request_error", message: "max_tokens: Field required" });
  });
});

describe("Anthropic faults", () => {
  it("cut=n sends n events then drops the connection", async () => {
    const res = await messages({ ...ask, stream: true }, { "x-mock": "fixture=anthropic/vercel-anthropic-text-stream;cut=3" });
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
    expect(splitSseEvents(text).map((e) => e.split("\n")[0])).toEqual(["event: message_start", "event: content_block_start", "event: ping"]);
  });
});

describe("Anthropic synthesized answers", () => {
  it("echoes the last user message with usage, the same as JSON and as a stream", async () => {
    const message = await client().messages.create(ask as Anthropic.MessageCreateParamsNonStreaming);
    expect(message.content[0]).toMatchObject({ type: "text", text: expect.stringContaining('You asked: "Say hello"') });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.stop_reason).toBe("end_turn");

    const final = await client().messages.stream(ask as Anthropic.MessageCreateParamsNonStreaming).finalMessage();
    expect(final.content).toEqual(message.content);
    expect(final.usage.output_tokens).toBe(message.usage.output_tokens);
  });

  it("stops at max_tokens with stop_reason max_tokens", async () => {
    const res = await messages({ ...ask, max_tokens: 4, stream: true });
    const events = splitSseEvents(await res.text());
    const delta = JSON.parse(eventData(events.find((e) => e.startsWith("event: message_delta"))!)!);
    expect(delta).toMatchObject({ delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 4 } });
    expect(events.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });
});
