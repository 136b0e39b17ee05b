import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "./server.js";
import { splitSseEvents } from "./sse-events.js";

let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider();
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const streamBody = JSON.stringify({ model: "demo", stream: true, messages: [{ role: "user", content: "count to ten" }] });
const jsonBody = JSON.stringify({ model: "demo", messages: [{ role: "user", content: "hi" }] });

function post(directives: string, body = streamBody, init: RequestInit = {}) {
  return fetch(`${mock.url}/v1/chat/completions`, {
    method: "POST",
    body,
    ...init,
    headers: { "x-mock": directives, ...(init.headers as Record<string, string> | undefined) },
  });
}

/** Reads from a streaming response until `count` complete SSE events have arrived. */
async function readEvents(res: Response, count: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (splitSseEvents(text).filter((e) => e.endsWith("\n\n")).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return splitSseEvents(text);
}

describe("injected statuses", () => {
  it("answers status=429 with OpenAI's rate-limit body and the Retry-After header", async () => {
    const res = await post("status=429;retry-after=7", jsonBody);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect((await res.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
  });

  it("lets the header override the base-URL prefix key by key", async () => {
    const res = await fetch(`${mock.url}/_mock/status=500;retry-after=3/v1/chat/completions`, {
      method: "POST",
      headers: { "x-mock": "status=503" },
      body: jsonBody,
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(mock.requests[0]!.directives).toEqual({ status: 503, retryAfter: "3" });
  });
});

describe("expect-key", () => {
  it("answers OpenAI's 401 with the wrong key masked", async () => {
    const res = await post("expect-key=sk-right", jsonBody, {
      headers: { authorization: "Bearer sk-abcdefghijklmnopwxyz" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        message:
          `Incorrect API key provided: sk-abcde${"*".repeat(11)}wxyz. ` +
          "You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
  });

  it("lets the expected key through", async () => {
    const res = await post("expect-key=sk-right", jsonBody, { headers: { authorization: "Bearer sk-right" } });
    expect(res.status).toBe(200);
  });
});

describe("network faults", () => {
  it("cut=n sends n events then drops the connection, so the client sees a premature close", async () => {
    const res = await post("cut=3");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = "";
    const failure = await (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return undefined;
          received += new TextDecoder().decode(value);
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(Error);
    expect(splitSseEvents(received)).toHaveLength(3);
    expect(received).not.toContain("[DONE]");
    expect(mock.requests[0]!.clientClosedEarly).toBe(false);
  });

  it("reset drops the connection without any response", async () => {
    await expect(post("reset", jsonBody)).rejects.toThrow();
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.clientClosedEarly).toBe(false);
  });

  it("stall=n goes silent after n events until the client gives up, which waitForClientClose reports", async () => {
    const abort = new AbortController();
    const res = await post("stall=2", streamBody, { signal: abort.signal });
    const events = await readEvents(res, 2);
    expect(events).toHaveLength(2);
    const closed = mock.waitForClientClose(2_000);
    abort.abort();
    const record = await closed;
    expect(record).toBe(mock.requests[0]);
    expect(record.clientClosedEarly).toBe(true);
  });

  it("reports a client close that happened before waitForClientClose was called", async () => {
    const abort = new AbortController();
    const pending = post("latency=5000", jsonBody, { signal: abort.signal }).catch(() => undefined);
    while (mock.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await pending;
    await new Promise((r) => setTimeout(r, 50));
    expect((await mock.waitForClientClose(1_000)).clientClosedEarly).toBe(true);
  });

  it("waitForClientClose rejects when no client closes in time", async () => {
    await expect(mock.waitForClientClose(50)).rejects.toThrow(/within 50ms/);
  });

  it("latency delays the response headers", async () => {
    const started = performance.now();
    const res = await post("latency=150", jsonBody);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("chunk-delay spaces out stream events", async () => {
    const started = performance.now();
    const res = await post("chunk-delay=20;fixture=xai/vercel-xai-text-stream");
    const events = splitSseEvents(await res.text());
    expect(performance.now() - started).toBeGreaterThanOrEqual((events.length - 1) * 20 - 10);
    expect(events.at(-1)).toBe("data: [DONE]\n\n");
  });
});

describe("close", () => {
  it("ends stalled streams without reporting them as client closes, and can be called twice", async () => {
    const own = await startMockProvider();
    const res = await fetch(`${own.url}/v1/chat/completions`, { method: "POST", headers: { "x-mock": "stall=1" }, body: streamBody });
    await readEvents(res, 1);
    const waiting = own.waitForClientClose(2_000);
    await Promise.all([own.close(), own.close()]);
    await expect(waiting).rejects.toThrow(/closed/);
    expect(own.requests[0]!.clientClosedEarly).toBe(false);
  });
});
