import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "./server.js";

describe("demo mode", () => {
  let demo: MockProvider;

  beforeAll(async () => {
    demo = await startMockProvider({ demo: true });
  });
  afterAll(() => demo.close());

  it("synthesizes answers even for models that have a recording, and keeps no request log", async () => {
    for (const stream of [false, true]) {
      const res = await fetch(`${demo.url}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "hi" }] }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-mock-source")).toBe("synthesized");
      const text = await res.text();
      expect(text).toContain("Igris demo provider");
      expect(text).not.toContain("get_capital");
    }
    expect(demo.requests).toHaveLength(0);
  });
});
