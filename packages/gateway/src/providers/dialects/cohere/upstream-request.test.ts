import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../registry.js";
import { cohereRequest } from "./upstream-request.js";

const provider = PROVIDERS.find((p) => p.slug === "cohere")!;
const target = { provider, baseUrl: "https://api.cohere.com", credential: "co-secret", model: "command-a-03-2025" };

describe("building Cohere upstream requests", () => {
  it("posts JSON with bearer auth", () => {
    expect(cohereRequest("/v2/embed", target, { a: 1 })).toEqual({
      method: "POST",
      path: "/v2/embed",
      headers: { "content-type": "application/json", accept: "application/json", authorization: "Bearer co-secret" },
      body: '{"a":1}',
    });
  });
  it("asks for an event stream when streaming", () => {
    expect(cohereRequest("/v2/chat", target, {}, true).headers.accept).toBe("text/event-stream");
  });
});
