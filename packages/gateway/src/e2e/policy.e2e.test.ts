import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

const ask = (content: string) => [{ role: "user" as const, content }];

describe("policies through the gateway", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("policy"));
    await t.virtualKey("synth");
    await t.virtualKey("holiday", { directives: "fixture=openai/vercel-openai-text" });
    await t.virtualKey("holiday-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
  });

  afterAll(async () => {
    await t?.close();
  });

  const setPolicy = async (doc: unknown) => {
    const res = await t.admin("PUT", "/api/policies", doc);
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  beforeEach(async () => {
    await setPolicy({ defaultAction: "allow", rules: [], customDetectors: {} });
    await t.admin("DELETE", "/api/policies/virtual-keys/synth");
  });

  const requestId = (err: any) => err.headers.get("x-igris-request-id");

  it("denies with the rule's id, allows others, and records the decision", async () => {
    await setPolicy({
      rules: [
        { id: "no-gpt4-for-interns", target: { kind: "llm_model", model: "gpt-4*" }, action: "deny", conditions: { user: { glob: "intern-*" } } },
        { id: "everything", target: { kind: "llm_model", model: "*" }, action: "allow" },
      ],
    });
    const err = await openai.chat.completions.create({ model: "@synth/gpt-4o", messages: ask("hi") }, { headers: { "X-Igris-User": "intern-7" } }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.error).toMatchObject({ type: "policy_denied", code: "policy_denied", rule_id: "no-gpt4-for-interns" });
    expect(await auditRecord(t, requestId(err))).toMatchObject({ status: 403, outcome: "denied", policy: { action: "deny", ruleId: "no-gpt4-for-interns" } });

    const { response } = await openai.chat.completions.create({ model: "@synth/gpt-4o", messages: ask("hi") }, { headers: { "X-Igris-User": "staff-1" } }).withResponse();
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", policy: { action: "allow", ruleId: "everything", alerts: [] } });
  });

  it("records alerts and goes on; the virtual key's rules come first; deny-by-default applies when nothing matches", async () => {
    await setPolicy({
      defaultAction: "deny",
      rules: [
        { id: "watch-o-models", target: { kind: "llm_model", model: "o*" }, action: "alert" },
        { id: "allow-o3", target: { kind: "llm_model", model: "o3" }, action: "allow" },
      ],
    });
    const { response } = await openai.chat.completions.create({ model: "@synth/o3", messages: ask("hi") }).withResponse();
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ policy: { action: "allow", ruleId: "allow-o3", alerts: ["watch-o-models"] } });

    const denied = await openai.chat.completions.create({ model: "@synth/gpt-4o-mini", messages: ask("hi") }).catch((e) => e);
    expect(denied.error).toMatchObject({ type: "policy_denied", code: "default_deny", rule_id: null });

    const put = await t.admin("PUT", "/api/policies/virtual-keys/synth", { rules: [{ id: "synth-mini", target: { kind: "llm_model", model: "gpt-4o-mini" }, action: "allow" }] });
    expect(put.status).toBe(200);
    await expect(openai.chat.completions.create({ model: "@synth/gpt-4o-mini", messages: ask("hi") })).resolves.toBeDefined();
  });

  it("validates rules with the path of the bad field and manages them one by one", async () => {
    const bad = await t.admin("PUT", "/api/policies", { rules: [{ id: "r", target: { kind: "llm_model", model: "*" }, action: "allow", limit: { requests: 1, per: "fortnight" } }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.param).toBe("rules.0.limit.per");
    const unknownDetector = await t.admin("PUT", "/api/policies", { rules: [{ id: "r", target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard: { detectors: ["retina-scan"], action: "deny" } }] });
    expect(unknownDetector.status).toBe(422);
    expect(unknownDetector.body.error.param).toBe("rules.0.contentGuard.detectors");
    expect((await t.admin("PUT", "/api/policies/virtual-keys/ghost", { rules: [] })).status).toBe(404);

    const created = await t.admin("POST", "/api/policies/rules", { rule: { id: "block-o1", target: { kind: "llm_model", model: "o1*" }, action: "deny" } });
    expect(created.status).toBe(201);
    expect((await t.admin("POST", "/api/policies/rules", { rule: { id: "block-o1", target: { kind: "llm_model", model: "x" }, action: "deny" } })).status).toBe(409);
    expect((await t.admin("GET", "/api/policies/rules/block-o1")).body.action).toBe("deny");
    expect((await t.admin("PATCH", "/api/policies/rules/block-o1", { action: "alert" })).body).toMatchObject({ id: "block-o1", action: "alert" });
    expect((await t.admin("PATCH", "/api/policies/rules/block-o1", { action: "nope" })).status).toBe(422);
    expect((await t.admin("GET", "/api/policies")).body.rules.map((r: any) => r.id)).toEqual(["block-o1"]);
    expect((await t.admin("DELETE", "/api/policies/rules/block-o1")).status).toBe(204);
    expect((await t.admin("GET", "/api/policies/rules/block-o1")).status).toBe(404);
  });

  it("applies the token guard: caps max_tokens, refuses larger max_tokens and long inputs", async () => {
    await setPolicy({
      rules: [{ id: "tokens", target: { kind: "llm_model", model: "*" }, action: "allow", tokenGuard: { maxOutputTokens: 50, maxRequestMaxTokens: 500, maxInputTokens: 40 } }],
    });
    await openai.chat.completions.create({ model: "@synth/m", messages: ask("hi") });
    expect((t.mock.requests.at(-1)!.body as any).max_tokens).toBe(50);
    await openai.chat.completions.create({ model: "@synth/m", messages: ask("hi"), max_completion_tokens: 300 });
    expect((t.mock.requests.at(-1)!.body as any).max_completion_tokens).toBe(50);
    await openai.chat.completions.create({ model: "@synth/m", messages: ask("hi"), max_tokens: 20 });
    expect((t.mock.requests.at(-1)!.body as any).max_tokens).toBe(20);

    const tooMany = await openai.chat.completions.create({ model: "@synth/m", messages: ask("hi"), max_tokens: 501 }).catch((e) => e);
    expect(tooMany.error).toMatchObject({ code: "max_tokens_too_large", rule_id: "tokens" });
    const tooLong = await openai.chat.completions.create({ model: "@synth/m", messages: ask("word ".repeat(60)) }).catch((e) => e);
    expect(tooLong.error).toMatchObject({ code: "input_too_long", rule_id: "tokens" });
  });

  it("refuses calls outside an API key's IAM rules", async () => {
    const created = await t.admin("POST", "/api/keys", { name: "narrow", iam: { allow_models: ["gpt-4o-mini"], deny_providers: ["groq"] } });
    expect(created.status).toBe(201);
    expect(created.body.iam).toEqual({ allow_models: ["gpt-4o-mini"], deny_providers: ["groq"] });
    const narrow = t.client(created.body.key);
    await expect(narrow.chat.completions.create({ model: "@synth/gpt-4o-mini", messages: ask("hi") })).resolves.toBeDefined();
    const err = await narrow.chat.completions.create({ model: "@synth/gpt-4o", messages: ask("hi") }).catch((e) => e);
    expect(err.error).toMatchObject({ type: "policy_denied", code: "api_key_iam", rule_id: "iam.allow_models" });
    expect((await t.admin("POST", "/api/keys", { name: "bad", iam: { allow_pricing: {} } })).status).toBe(422);
  });

  it("refuses an expired API key", async () => {
    const created = await t.admin("POST", "/api/keys", { name: "short-lived", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const client = t.client(created.body.key);
    await expect(client.chat.completions.create({ model: "@synth/m", messages: ask("hi") })).resolves.toBeDefined();
    await t.admin("PATCH", `/api/keys/${created.body.id}`, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    const err = await client.chat.completions.create({ model: "@synth/m", messages: ask("hi") }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.error.message).toMatch(/expired/);
    // Expired everywhere, not only on the data plane.
    expect((await t.admin("GET", "/v1/models", undefined, created.body.key)).status).toBe(401);
    expect((await t.admin("GET", "/v1/providers", undefined, created.body.key)).status).toBe(401);
  });

  it("logs prompt and completion only for calls whose rule says so", async () => {
    await setPolicy({
      rules: [
        { id: "log-audit-team", target: { kind: "llm_model", model: "*" }, action: "allow", logContent: true, conditions: { "metadata.team": "audit" } },
        { id: "rest", target: { kind: "llm_model", model: "*" }, action: "allow" },
      ],
    });
    const logged = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") }, { headers: { "X-Igris-Metadata-Team": "audit" } }).withResponse();
    const record = await auditRecord(t, logged.response.headers.get("x-igris-request-id")!);
    expect(record.content.prompt).toEqual(ask("Invent a holiday"));
    expect(record.content.completion).toBe(logged.data.choices[0]!.message.content);

    const stream = await openai.chat.completions.create({ model: "@holiday-stream/gpt-4.1-nano", messages: ask("Invent a holiday"), stream: true }, { headers: { "X-Igris-Metadata-Team": "audit" } }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect((await auditRecord(t, stream.response.headers.get("x-igris-request-id")!)).content.completion).toBe(text);

    const plain = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") }).withResponse();
    expect((await auditRecord(t, plain.response.headers.get("x-igris-request-id")!)).content).toBeUndefined();
  });
});
