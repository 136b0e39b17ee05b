import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultFixturesDir } from "../../fixture-store.js";
import { type MockProvider, startMockProvider } from "../../server.js";
import { decodeMessage, splitMessages } from "./event-stream.js";

const fixturesDir = defaultFixturesDir({});
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ fixturesDir });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const MODEL = "us.amazon.nova-micro-v1%3A0";
const ask = { messages: [{ role: "user", content: [{ text: "Say hello" }] }] };
const sigv4 = (akid: string) =>
  `AWS4-HMAC-SHA256 Credential=${akid}/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
const fixtureText = (name: string) => readFile(join(fixturesDir, name), "utf8");

function bedrock(operation: string, body: object, headers: Record<string, string> = {}, model = MODEL) {
  return fetch(`${mock.url}/model/${model}/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: sigv4("AKIDEXAMPLE"), ...headers },
    body: JSON.stringify(body),
  });
}

async function decodedBody(res: Response) {
  return splitMessages(new Uint8Array(await res.arrayBuffer())).map(decodeMessage);
}

describe("Bedrock replay", () => {
  it("replays a Converse JSON recording", async () => {
    const recorded = JSON.parse(await fixtureText("bedrock/pyd-bedrock-converse.i0.response.json"));
    const res = await bedrock("converse", ask, { "x-mock": "fixture=bedrock/pyd-bedrock-converse.i0.response" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(recorded);
  });

  it("encodes a decoded event-stream recording back into binary messages, headers and payloads intact", async () => {
    const name = "bedrock/pyd-bedrock-converse-stream-binary.i0.response";
    const records = (await fixtureText(`${name}.eventstream.jsonl`)).trim().split("\n").map((line) => JSON.parse(line));
    const res = await bedrock("converse-stream", ask, { "x-mock": `fixture=${name}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
    // decodeMessage checks both CRCs of every message.
    expect(await decodedBody(res)).toEqual(records);
  });

  it("encodes the Vercel recordings' {eventType: payload} lines as events", async () => {
    const lines = (await fixtureText("bedrock/vercel-bedrock-text-stream.chunks.txt")).trim().split("\n").map((line) => JSON.parse(line));
    const res = await bedrock("converse-stream", ask, { "x-mock": "fixture=bedrock/vercel-bedrock-text-stream" });
    const messages = await decodedBody(res);
    expect(messages.map((m) => ({ [m.headers[":event-type"]!]: m.payload }))).toEqual(lines);
    expect(messages.every((m) => m.headers[":message-type"] === "event" && m.headers[":content-type"] === "application/json")).toBe(true);
  });

  it("replays a recorded error with the x-amzn-errortype header the recording left out", async () => {
    const res = await bedrock("converse", ask, { "x-mock": "fixture=bedrock/pyd-bedrock-error-400.i0.response" });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(await res.json()).toEqual({ message: "The provided model identifier is invalid." });
  });

  it("refuses a stream recording for converse", async () => {
    const res = await bedrock("converse", ask, { "x-mock": "fixture=bedrock/vercel-bedrock-text-stream" });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-mock-error")).toBe("mock_fixture_mismatch");
    expect(res.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect((await res.json()).message).toContain("is a stream");
  });
});

describe("Bedrock errors and auth", () => {
  it("answers injected statuses with {message} and the exception in x-amzn-errortype", async () => {
    for (const [status, type] of [
      [429, "ThrottlingException"],
      [400, "ValidationException"],
      [500, "InternalServerException"],
      [503, "ServiceUnavailableException"],
    ] as const) {
      const res = await bedrock("converse", ask, { "x-mock": `status=${status}` });
      expect(res.status).toBe(status);
      expect(res.headers.get("x-amzn-errortype")).toBe(type);
      expect(Object.keys(await res.json())).toEqual(["message"]);
    }
  });

  it("compares expect-key with the SigV4 access key id, or a Bedrock API key", async () => {
    const directives = { "x-mock": "expect-key=AKIDRIGHT" };
    expect((await bedrock("converse", ask, { ...directives, authorization: sigv4("AKIDRIGHT") })).status).toBe(200);
    expect((await bedrock("converse", ask, { ...directives, authorization: "Bearer AKIDRIGHT" })).status).toBe(200);
    const wrong = await bedrock("converse", ask, directives);
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get("x-amzn-errortype")).toBe("UnrecognizedClientException");
    const missing = await fetch(`${mock.url}/_mock/expect-key=AKIDRIGHT/model/${MODEL}/converse`, { method: "POST", body: JSON.stringify(ask) });
    expect(missing.status).toBe(403);
    expect(missing.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(await missing.json()).toEqual({ message: "Missing Authentication Token" });
  });
});

describe("Bedrock faults on binary streams", () => {
  it("cut=n sends exactly n whole messages, then drops the connection", async () => {
    const res = await bedrock("converse-stream", ask, { "x-mock": "fixture=bedrock/vercel-bedrock-text-stream;cut=2" });
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    const failure = await (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return undefined;
          chunks.push(value);
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(Error);
    const messages = splitMessages(Buffer.concat(chunks)).map(decodeMessage);
    expect(messages.map((m) => m.headers[":event-type"])).toEqual(["messageStart", "contentBlockDelta"]);
  });

  it("chunk-delay spaces the messages out", async () => {
    const started = performance.now();
    const res = await bedrock("converse-stream", ask, { "x-mock": "chunk-delay=15" });
    const messages = await decodedBody(res);
    expect(performance.now() - started).toBeGreaterThanOrEqual((messages.length - 1) * 15 - 10);
  });
});

describe("Bedrock synthesized answers", () => {
  it("answers Converse, and ConverseStream with the same text, padded payloads and usage last", async () => {
    const whole = await (await bedrock("converse", ask)).json();
    expect(whole).toMatchObject({ stopReason: "end_turn", output: { message: { role: "assistant" } } });
    const text: string = whole.output.message.content[0].text;
    expect(text).toContain('You asked: "Say hello"');

    const messages = await decodedBody(await bedrock("converse-stream", ask));
    const types = messages.map((m) => m.headers[":event-type"]);
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-3)).toEqual(["contentBlockStop", "messageStop", "metadata"]);
    const deltas = messages.filter((m) => m.headers[":event-type"] === "contentBlockDelta");
    expect(deltas.map((m) => (m.payload as { delta: { text: string } }).delta.text).join("")).toBe(text);
    expect(messages.every((m) => typeof (m.payload as { p?: unknown }).p === "string")).toBe(true);
    expect((messages.at(-1)!.payload as { usage: unknown }).usage).toEqual(whole.usage);
  });

  it("answers InvokeModel for Titan, Cohere and Anthropic bodies, and names bodies it cannot answer", async () => {
    const titan = await (await bedrock("invoke", { inputText: "hi", dimensions: 8 }, {}, "amazon.titan-embed-text-v2%3A0")).json();
    expect(titan.embedding).toHaveLength(8);
    expect(titan.inputTextTokenCount).toBe(1);
    const cohere = await (await bedrock("invoke", { texts: ["a", "b"], input_type: "search_query" }, {}, "cohere.embed-english-v3")).json();
    expect(cohere).toMatchObject({ response_type: "embeddings_floats", texts: ["a", "b"] });
    const claude = await (await bedrock("invoke", { anthropic_version: "bedrock-2023-05-31", max_tokens: 50, messages: ask.messages.map((m) => ({ role: m.role, content: "hi" })) }, {}, "anthropic.claude-3-haiku")).json();
    expect(claude).toMatchObject({ type: "message", role: "assistant", model: "anthropic.claude-3-haiku" });
    const unknown = await bedrock("invoke", { prompt: "hi" }, {}, "meta.llama3");
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("x-amzn-errortype")).toBe("ValidationException");
  });
});
