import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "./server.js";

let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(mock.url + path, { method: "POST", headers, body });

describe("routes", () => {
  it("listens on a random local port", () => {
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.port).toBeGreaterThan(0);
  });

  it("reports health", async () => {
    const res = await fetch(`${mock.url}/_mock/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("serves chat and embeddings with and without /v1", async () => {
    const chat = JSON.stringify({ model: "demo", messages: [{ role: "user", content: "hi" }] });
    expect((await post("/v1/chat/completions", chat)).status).toBe(200);
    expect((await post("/chat/completions", chat)).status).toBe(200);
    const embed = JSON.stringify({ model: "demo-embed", input: "hi" });
    expect((await (await post("/embeddings", embed)).json()).object).toBe("list");
  });

  it("answers unknown paths and methods with an OpenAI-style 404", async () => {
    const res = await post("/v1/completions", "{}");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { message: "Invalid URL (POST /v1/completions)", type: "invalid_request_error", param: null, code: "not_found" },
    });
    expect((await fetch(`${mock.url}/v1/chat/completions`)).status).toBe(404);
  });

  it("answers malformed JSON with a 400 and records the raw body", async () => {
    const res = await post("/v1/chat/completions", "{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", param: null });
    expect(mock.requests[0]!.body).toBe("{not json");
  });

  it("answers bodies that are not objects, or lack model or messages, with a 400", async () => {
    expect((await post("/v1/chat/completions", "[1,2]")).status).toBe(400);
    expect((await (await post("/v1/chat/completions", '{"messages":[]}')).json()).error.message).toMatch(/model/);
    const noMessages = await (await post("/v1/chat/completions", '{"model":"m"}')).json();
    expect(noMessages.error).toMatchObject({ param: "messages", code: "missing_required_parameter" });
  });

  it("answers an unknown directive with a 400 naming it", async () => {
    const res = await post("/v1/chat/completions", "{}", { "x-mock": "latncy=5" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "invalid_mock_directive", message: expect.stringContaining("latncy") });
  });
});

describe("request records", () => {
  it("records every request in order with headers, parsed body and directives", async () => {
    await post("/v1/chat/completions", JSON.stringify({ model: "a", messages: [] }), {
      authorization: "Bearer sk-one",
      "x-mock": "status=500",
    });
    await post("/_mock/status=429/v1/embeddings", JSON.stringify({ model: "b", input: "x" }));
    expect(mock.requests.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/v1/chat/completions"],
      ["POST", "/_mock/status=429/v1/embeddings"],
    ]);
    const [first, second] = mock.requests;
    expect(first!.headers.authorization).toBe("Bearer sk-one");
    expect(first!.body).toEqual({ model: "a", messages: [] });
    expect(first!.directives).toEqual({ status: 500 });
    expect(second!.directives).toEqual({ status: 429 });
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.receivedAt);
    expect(first!.clientClosedEarly).toBe(false);
  });

  it("reset clears the records in place", async () => {
    const held = mock.requests;
    await post("/v1/embeddings", JSON.stringify({ model: "b", input: "x" }));
    mock.reset();
    expect(held).toHaveLength(0);
    expect(mock.requests).toBe(held);
  });
});

describe("robustness", () => {
  it("survives garbage bytes and a request the HTTP parser rejects", async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect((await post("/v1/chat/completions", new TextDecoder().decode(bytes))).status).toBe(400);
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request(`${mock.url}/v1/chat/completions`, { method: "POST", headers: { "content-length": "abc" } });
      req.on("response", (res) => resolve(res.statusCode));
      req.on("error", () => resolve(undefined));
      req.end();
    });
    expect(status === undefined || status === 400).toBe(true);
    expect((await fetch(`${mock.url}/_mock/health`)).status).toBe(200);
  });

  it("keeps connections alive between requests", async () => {
    const res = await fetch(`${mock.url}/_mock/health`);
    expect(res.headers.get("connection")).toBe("keep-alive");
    await res.text();
  });
});
