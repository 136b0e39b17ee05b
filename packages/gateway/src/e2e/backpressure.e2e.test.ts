import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway, TEST_ADMIN_KEY } from "../testing/harness.js";

describe("a slow streaming client", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
    await t.virtualKey("big-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
    // Logging content makes the relay read every event: a read then goes out as many pieces.
    await t.admin("PUT", "/api/policies", { rules: [{ id: "log", target: { kind: "llm_model", model: "*" }, action: "allow", logContent: true }] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("gets the whole stream through backpressure, with one drain wait at a time", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      // Many streams at once, each read only after a pause, so the gateway's writes back up.
      const one = () =>
        new Promise<string>((resolve, reject) => {
          const req = request(
            `${t.url}/v1/chat/completions`,
            { method: "POST", headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" } },
            (res) => {
              res.pause();
              let text = "";
              setTimeout(() => {
                res.setEncoding("utf8");
                res.on("data", (d) => (text += d));
                res.on("end", () => resolve(text));
                res.resume();
              }, 300);
            },
          );
          req.on("error", reject);
          req.end(JSON.stringify({ model: "@big-stream/gpt-4.1-nano", stream: true, messages: [{ role: "user", content: "hi" }] }));
        });
      const bodies = await Promise.all(Array.from({ length: 8 }, one));
      for (const body of bodies) expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
      expect(bodies[0]!.length).toBeGreaterThan(90_000);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
