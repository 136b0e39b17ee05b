import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, attemptsOf, callsTo, createRoute, mockKey } from "../testing/routing-support.js";

/** Sends `n` calls to a route, `parallel` at a time, and returns their request ids. */
async function callMany(openai: OpenAI, model: string, n: number, parallel = 16): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < n; done += parallel) {
    const batch = Array.from({ length: Math.min(parallel, n - done) }, (_, i) =>
      openai.chat.completions.create({ model, messages: ask(`call ${done + i}`) }).withResponse(),
    );
    for (const { response } of await Promise.all(batch)) ids.push(response.headers.get("x-igris-request-id")!);
  }
  return ids;
}

describe("loadbalance weights through a route", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("weights"));
    await mockKey(t, "heavy");
    await mockKey(t, "light");
    await mockKey(t, "lb-a");
    await mockKey(t, "lb-b");
    await mockKey(t, "lb-spare");
    await mockKey(t, "down-a", "status=503");
    await mockKey(t, "down-b", "status=502");
    await mockKey(t, "rescue");
  });

  afterAll(async () => {
    await t?.close();
  });

  it("sends about three quarters of 400 calls to the weight-3 key and the rest to the weight-1 key", async () => {
    await createRoute(t, {
      name: "three-to-one",
      strategy: "loadbalance",
      targets: [
        { virtualKey: "heavy", weight: 3 },
        { virtualKey: "light", weight: 1 },
      ],
    });
    const n = 400;
    await callMany(openai, "@route:three-to-one/gpt-4o-mini", n);
    const heavy = callsTo(t, "heavy").length;
    const light = callsTo(t, "light").length;
    // Every call went to exactly one of them: both are healthy, so nothing fell back.
    expect(heavy + light).toBe(n);
    // heavy ~ Binomial(400, 0.75): mean 300, sd √(400·0.75·0.25) ≈ 8.66. Five sd (±43) fails a correct
    // gateway about once in 1.7 million runs, yet still excludes an even split (200) and "always first" (400).
    const sd = Math.sqrt(n * 0.75 * 0.25);
    expect(Math.abs(heavy - n * 0.75)).toBeLessThanOrEqual(5 * sd);
  });

  it("never uses a weight-0 spare while the weighted keys answer", async () => {
    await createRoute(t, {
      name: "with-spare",
      strategy: "loadbalance",
      targets: [{ virtualKey: "lb-a" }, { virtualKey: "lb-b" }, { virtualKey: "lb-spare", weight: 0 }],
    });
    await callMany(openai, "@route:with-spare/gpt-4o-mini", 60);
    expect(callsTo(t, "lb-spare")).toHaveLength(0);
    expect(callsTo(t, "lb-a").length + callsTo(t, "lb-b").length).toBe(60);
    // Both weighted keys are drawn (each first with probability 1/2: missing one in 60 calls is 2⁻⁵⁹).
    expect(callsTo(t, "lb-a").length).toBeGreaterThan(0);
    expect(callsTo(t, "lb-b").length).toBeGreaterThan(0);
  });

  it("tries the weight-0 spare only after every weighted key failed", async () => {
    await createRoute(t, {
      name: "spare-rescues",
      strategy: "loadbalance",
      retry: { attempts: 0 },
      targets: [{ virtualKey: "down-a" }, { virtualKey: "down-b" }, { virtualKey: "rescue", weight: 0 }],
    });
    const [id] = await callMany(openai, "@route:spare-rescues/gpt-4o-mini", 1);
    const attempts = attemptsOf(await auditRecord(t, id!));
    expect(attempts.slice(0, 2).map((a) => a.virtualKey).sort()).toEqual(["down-a", "down-b"]);
    expect(attempts[2]).toEqual({ virtualKey: "rescue", status: 200, error: null });
    expect(callsTo(t, "rescue")).toHaveLength(1);
  });
});
