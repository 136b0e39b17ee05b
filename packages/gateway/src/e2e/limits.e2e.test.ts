import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway, TEST_ADMIN_KEY } from "../testing/harness.js";

const ask = (content: string) => [{ role: "user" as const, content }];
/** Rule ids unique to this run: counters live as long as their window, and Redis is shared. */
const uid = (name: string) => `${name}-${randomBytes(4).toString("hex")}`;
const allowWithLimit = (id: string, limit: unknown, model = "*") => ({ id, target: { kind: "llm_model", model }, action: "allow", limit });

describe("limits through the gateway", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("limits"));
    await t.virtualKey("synth");
    await t.virtualKey("synth-b");
  });

  afterAll(async () => {
    await t?.close();
  });

  const setRules = async (rules: unknown[]) => {
    const res = await t.admin("PUT", "/api/policies", { defaultAction: "allow", rules });
    expect(res.status, res.text).toBe(200);
  };
  const call = (headers: Record<string, string> = {}, model = "@synth/m", extra: Record<string, unknown> = {}) =>
    openai.chat.completions.create({ model, messages: ask("hi"), ...extra }, { headers }).then(
      () => 200,
      (e) => e,
    );

  it("limits requests per window with Retry-After and x-ratelimit headers", async () => {
    const id = uid("three-a-minute");
    await setRules([allowWithLimit(id, { requests: 3, per: "minute", scope: "user" })]);
    const { response } = await openai.chat.completions.create({ model: "@synth/m", messages: ask("hi") }, { headers: { "X-Igris-User": "ann" } }).withResponse();
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("3");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("2");
    expect(response.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+s$/);
    expect(await call({ "X-Igris-User": "ann" })).toBe(200);
    expect(await call({ "X-Igris-User": "ann" })).toBe(200);
    const err = await call({ "X-Igris-User": "ann" });
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded", rule_id: id });
    expect(Number(err.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(err.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(err.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(await auditRecord(t, err.headers.get("x-igris-request-id"))).toMatchObject({ status: 429, outcome: "denied", policy: { ruleId: id } });
    // Another user has a bucket of their own.
    expect(await call({ "X-Igris-User": "ben" })).toBe(200);
  });

  it.each([
    ["org", {}, {}, false],
    ["apiKey", {}, {}, false],
    ["virtualKey", {}, {}, true],
    ["user", { "X-Igris-User": "u1" }, { "X-Igris-User": "u2" }, true],
    ["metadata.team", { "X-Igris-Metadata-Team": "search" }, { "X-Igris-Metadata-Team": "ads" }, true],
  ] as const)("keeps a separate counter per %s", async (scope, first, second, separate) => {
    await setRules([allowWithLimit(uid(`one-per-${scope}`), { requests: 1, per: "day", scope })]);
    const secondModel = scope === "virtualKey" ? "@synth-b/m" : "@synth/m";
    expect(await call(first)).toBe(200);
    expect(await call(first)).toBeInstanceOf(OpenAI.RateLimitError);
    const other = await call(second, secondModel);
    if (separate) expect(other).toBe(200);
    else expect(other).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("reserves tokens before the call and settles to actual usage after", async () => {
    const id = uid("tokens");
    await setRules([allowWithLimit(id, { tokens: 500, per: "hour", scope: "org" })]);
    // A reservation bigger than the whole limit can never fit.
    expect(await call({}, "@synth/m", { max_tokens: 600 })).toBeInstanceOf(OpenAI.RateLimitError);
    // ~10 input + 300 reserved; settled to the small actual usage, so the next one fits too.
    expect(await call({}, "@synth/m", { max_tokens: 300 })).toBe(200);
    expect(await call({}, "@synth/m", { max_tokens: 300 })).toBe(200);
    const err = await call({}, "@synth/m", { max_tokens: 480 });
    expect(err.error).toMatchObject({ code: "rate_limit_exceeded", rule_id: id });
    expect(err.headers.get("x-ratelimit-limit-tokens")).toBe("500");
  });

  it("limits dollars by the model's price and refuses models without one", async () => {
    const id = uid("dollars");
    // gpt-4o: $2.50 in / $10 out per million. max_tokens 100 reserves about $0.001.
    await setRules([allowWithLimit(id, { dollars: 0.0005, per: "day", scope: "org" })]);
    expect((await call({}, "@synth/gpt-4o", { max_tokens: 100 })).error).toMatchObject({ code: "rate_limit_exceeded" });
    expect(await call({}, "@synth/gpt-4o", { max_tokens: 20 })).toBe(200);
    const unpriced = await call({}, "@synth/my-local-model", { max_tokens: 20 });
    expect(unpriced.error).toMatchObject({ type: "policy_denied", code: "price_unknown", rule_id: id });
  });

  it("stops an API key at its own lifetime usage limit", async () => {
    await setRules([]);
    const created = await t.admin("POST", "/api/keys", { name: "capped", usageLimitUsd: 0.002 });
    expect(created.body.usageLimitUsd).toBe(0.002);
    const capped = t.client(created.body.key);
    const outcomes: number[] = [];
    for (let i = 0; i < 30 && !outcomes.includes(429); i++) {
      outcomes.push(
        await capped.chat.completions.create({ model: "@synth/gpt-4o", messages: ask("hello there"), max_tokens: 30 }).then(
          () => 200,
          (e) => e.status,
        ),
      );
    }
    expect(outcomes.at(-1)).toBe(429);
    expect(outcomes.filter((s) => s === 200).length).toBeGreaterThan(1);
    const spent = (await t.admin("GET", "/api/audit?limit=1000")).body.data
      .filter((r: any) => r.apiKeyId === created.body.id && r.outcome === "success")
      .reduce((sum: number, r: any) => sum + r.costMicroUsd, 0);
    // gpt-4o, ~10 input + 30 output tokens: one reservation is well under $0.0004.
    expect(spent).toBeLessThanOrEqual(2000 + 400);
  });
});

/** 200 simultaneous calls against one budget: never more than one reservation over. */
async function concurrencyCheck(t: TestGateway) {
  const post = (model: string, maxTokens: number) =>
    fetch(`${t.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: ask("hello"), max_tokens: maxTokens }),
    }).then(async (res) => ({ status: res.status, id: res.headers.get("x-igris-request-id")!, body: await res.text() }));

  await t.virtualKey("conc");
  const requestsRule = uid("hundred");
  let res = await t.admin("PUT", "/api/policies", { rules: [allowWithLimit(requestsRule, { requests: 100, per: "day", scope: "org" }, "m")] });
  expect(res.status).toBe(200);
  const byRequests = await Promise.all(Array.from({ length: 200 }, () => post("@conc/m", 5)));
  expect(byRequests.filter((r) => r.status === 200)).toHaveLength(100);
  expect(byRequests.filter((r) => r.status === 429)).toHaveLength(100);

  // gpt-4o with max_tokens 20: the synthesized answer uses all 20, so actual ≈ reserved (~$0.00023).
  const budgetRule = uid("budget");
  const budgetMicro = 10_000;
  res = await t.admin("PUT", "/api/policies", { rules: [allowWithLimit(budgetRule, { dollars: budgetMicro / 1e6, per: "day", scope: "org" }, "gpt-4o")] });
  expect(res.status).toBe(200);
  const byDollars = await Promise.all(Array.from({ length: 200 }, () => post("@conc/gpt-4o", 20)));
  const ok = byDollars.filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThan(10);
  expect(byDollars.filter((r) => r.status === 429).length).toBeGreaterThan(100);
  let records: any[] = [];
  for (let i = 0; i < 50 && records.length < ok.length; i++) {
    await t.gateway.audit.flush();
    records = (await t.admin("GET", "/api/audit?limit=1000&model=@conc/gpt-4o&status=success")).body.data;
    if (records.length < ok.length) await new Promise((r) => setTimeout(r, 20));
  }
  expect(records).toHaveLength(ok.length);
  const spent = records.reduce((sum: number, r: any) => sum + r.costMicroUsd, 0);
  const biggest = Math.max(...records.map((r: any) => r.costMicroUsd));
  expect(spent).toBeLessThanOrEqual(budgetMicro + biggest);
  // And the budget was really used, not refused early.
  expect(spent).toBeGreaterThan(budgetMicro - 2 * biggest);
}

describe("concurrent calls against one budget", () => {
  it("overspend by at most one reservation with the in-memory store", async () => {
    const t = await startTestGateway();
    try {
      await concurrencyCheck(t);
    } finally {
      await t.close();
    }
  });

  it("overspend by at most one reservation with the Redis store", async () => {
    const t = await startTestGateway({ redisUrl: process.env.IGRIS_TEST_REDIS_URL || "redis://127.0.0.1:6379" });
    try {
      await concurrencyCheck(t);
    } finally {
      await t.close();
    }
  });
});
