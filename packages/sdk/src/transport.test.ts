import { describe, expect, it } from "vitest";
import { IgrisError, IgrisRateLimitError } from "./errors.js";
import { fakeFetch, json } from "./test-support/fake-fetch.js";
import { Transport } from "./transport.js";

describe("the transport", () => {
  it("sends the key, JSON and the call's own headers, but never lets them replace the key", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { ok: true }));
    const t = new Transport("http://gw", "igris_sk_1", fetch);
    expect(await t.json("POST", "/v1/x", { body: { a: 1 }, headers: { "X-Igris-Trace-Id": "t", Authorization: "Bearer other" } })).toEqual({ ok: true });
    expect(sent[0]).toMatchObject({
      url: "http://gw/v1/x",
      method: "POST",
      body: { a: 1 },
      headers: { authorization: "Bearer igris_sk_1", "content-type": "application/json", accept: "application/json", "x-igris-trace-id": "t" },
    });
  });

  it("leaves out empty query values and content-type without a body", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, {}));
    await new Transport("http://gw", "k", fetch).json("GET", "/api/audit", { query: { limit: 5, user: undefined, model: null, status: "denied" } });
    expect(sent[0]!.url).toBe("http://gw/api/audit?limit=5&status=denied");
    expect(sent[0]!.headers["content-type"]).toBeUndefined();
  });

  it("answers a 204 with undefined", async () => {
    const { fetch } = fakeFetch(() => json(204, null));
    expect(await new Transport("http://gw", "k", fetch).json("DELETE", "/api/virtual-keys/x")).toBeUndefined();
  });

  it("throws the typed error of a non-2xx answer", async () => {
    const { fetch } = fakeFetch(() => json(429, { error: { message: "slow down", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } }, { "retry-after": "7" }));
    const err = await new Transport("http://gw", "k", fetch).json("POST", "/v1/x", { body: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisRateLimitError);
    expect(err).toMatchObject({ status: 429, retryAfter: 7, code: "rate_limit_exceeded" });
  });

  it("wraps a network failure in an IgrisError with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const err = await new Transport("http://gw", "k", () => Promise.reject(cause)).json<never>("GET", "/v1/providers").catch((e: IgrisError) => e);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ code: "network_error", status: null, cause });
    expect(err.message).toContain("http://gw");
  });

  it("wraps a success body that is not JSON", async () => {
    const { fetch } = fakeFetch(() => new Response("<html>", { status: 200 }));
    await expect(new Transport("http://gw", "k", fetch).json("GET", "/v1/providers")).rejects.toMatchObject({ code: "invalid_response", status: 200 });
  });

  it("reports an aborted call as an IgrisError with the abort as the cause", async () => {
    const controller = new AbortController();
    const { fetch, sent } = fakeFetch(
      (req) =>
        new Promise((_, reject) => {
          req.signal!.addEventListener("abort", () => reject(req.signal!.reason));
        }),
    );
    const call = new Transport("http://gw", "k", fetch).json("GET", "/v1/providers", { signal: controller.signal }).catch((e) => e);
    controller.abort();
    const err = await call;
    expect(sent[0]!.signal).toBe(controller.signal);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err).toMatchObject({ code: "aborted", cause: controller.signal.reason });
  });
});
