import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

const ask = (content: string) => [{ role: "user" as const, content }];

/** For each built-in detector: text it must catch, and look-alike text it must let through. */
const SAMPLES: Record<string, { hit: string; miss: string }> = {
  email: { hit: "write to jane.doe@example.com today", miss: "write to jane dot doe at example" },
  phone: { hit: "call me on +44 20 7946 0958", miss: "the build is version 2.20.7946" },
  payment_card: { hit: "card 4111 1111 1111 1111 exp 12/29", miss: "card 4111 1111 1111 1112 (fails Luhn)" },
  iban: { hit: "pay GB82 WEST 1234 5698 7654 32 please", miss: "pay GB82 WEST 1234 5698 7654 33 please" },
  us_ssn: { hit: "my ssn is 123-45-6789", miss: "my ssn is 000-45-6789" },
  ipv4: { hit: "server at 192.168.10.254 is down", miss: "release 1.2.3.4.5 is out" },
  ipv6: { hit: "host 2001:db8::8a2e:370:7334 answers", miss: "meeting at 12:30:45 today" },
  aws_access_key: { hit: "key AKIAIOSFODNN7EXAMPLE here", miss: "key AKIA-not-a-key here" },
  api_key: { hit: "token sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD", miss: "a task-oriented sketch" },
  private_key: { hit: "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----", miss: "-----BEGIN CERTIFICATE NOTES----- none" },
  jwt: {
    hit: "bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    miss: "version abc.def.ghi of the file",
  },
};

describe("content guards through the gateway", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    t = await startTestGateway();
    openai = t.client(await t.apiKey("guard"));
    await t.virtualKey("synth");
    await t.virtualKey("holiday", { directives: "fixture=openai/vercel-openai-text" });
    await t.virtualKey("holiday-stream", { directives: "fixture=openai/vercel-openai-text-stream" });
  });

  afterAll(async () => {
    await t?.close();
  });

  const guardRule = (contentGuard: unknown, id = "guard") => ({ id, target: { kind: "llm_model", model: "*" }, action: "allow", contentGuard });
  const setGuard = async (contentGuard: unknown, customDetectors: Record<string, string> = {}) => {
    const res = await t.admin("PUT", "/api/policies", { defaultAction: "allow", customDetectors, rules: [guardRule(contentGuard)] });
    expect(res.status, res.text).toBe(200);
  };

  it.each(Object.entries(SAMPLES))("denies %s and lets its look-alike through", async (detector, { hit, miss }) => {
    await setGuard({ detectors: [detector], action: "deny" });
    const err = await openai.chat.completions.create({ model: "@synth/m", messages: ask(hit) }).catch((e) => e);
    expect(err, `${detector} should catch: ${hit}`).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.error).toMatchObject({ type: "policy_denied", code: "content_guard", rule_id: "guard" });
    const record = await auditRecord(t, err.headers.get("x-igris-request-id"));
    expect(record.policy.guardFindings).toEqual({ [detector]: 1 });
    // Findings are counts; the matched text is never stored.
    expect(JSON.stringify(record)).not.toContain(hit.split(" ").find((w) => w.length > 8) ?? hit);

    await expect(openai.chat.completions.create({ model: "@synth/m", messages: ask(miss) }), `${detector} should pass: ${miss}`).resolves.toBeDefined();
  });

  it("redacts before the request leaves, with typed placeholders", async () => {
    await setGuard({ detectors: ["pack:pii-default", "pack:secrets-default"], action: "redact" });
    const { response } = await openai.chat.completions
      .create({ model: "@synth/m", messages: [{ role: "system", content: "be brief" }, { role: "user", content: [{ type: "text", text: "I am jane@example.com, card 4111-1111-1111-1111" }] }] })
      .withResponse();
    const sent = JSON.stringify(t.mock.requests.at(-1)!.body);
    expect(sent).not.toContain("jane@example.com");
    expect(sent).not.toContain("4111-1111-1111-1111");
    expect(sent).toContain("[REDACTED:email]");
    expect(sent).toContain("[REDACTED:payment_card]");
    expect((await auditRecord(t, response.headers.get("x-igris-request-id")!)).policy.guardFindings).toEqual({ email: 1, payment_card: 1 });
  });

  it("alerts without changing the request", async () => {
    await setGuard({ detectors: ["email"], action: "alert" });
    const { response } = await openai.chat.completions.create({ model: "@synth/m", messages: ask("mail bob@example.org") }).withResponse();
    expect(JSON.stringify(t.mock.requests.at(-1)!.body)).toContain("bob@example.org");
    expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "success", policy: { guardFindings: { email: 1 } } });
  });

  it("uses the organisation's custom regexes and keyword globs", async () => {
    await setGuard({ detectors: ["custom:employee-id", "keyword:project-titan*"], action: "deny" }, { "employee-id": "EMP-\\d{6}" });
    expect((await openai.chat.completions.create({ model: "@synth/m", messages: ask("ask EMP-123456") }).catch((e) => e)).error.code).toBe("content_guard");
    expect((await openai.chat.completions.create({ model: "@synth/m", messages: ask("status of Project-Titanium?") }).catch((e) => e)).error.code).toBe("content_guard");
    await expect(openai.chat.completions.create({ model: "@synth/m", messages: ask("ask EMP-12 about titans") })).resolves.toBeDefined();
    const bad = await t.admin("PUT", "/api/policies", { customDetectors: { broken: "([" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.param).toBe("customDetectors.broken");
  });

  describe("inspecting answers", () => {
    // The recorded answers invent "Galaxy Day" (JSON) and "Harmony Day" (stream); the question names neither.
    const galaxy = (action: string) => setGuard({ detectors: ["keyword:galaxy*"], action, inspectResponse: true });
    // "Harmony Day" arrives as two deltas, " Harmony" and " Day": the guard must hold back across them.
    const harmony = (action: string) => setGuard({ detectors: ["keyword:harmony day"], action, inspectResponse: true });
    const unredacted = (text: string) => text.replace(/\[REDACTED:[^\]]+\]/g, "");

    it("refuses a JSON answer that a deny guard catches, keeping its cost", async () => {
      await galaxy("deny");
      const err = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") }).catch((e) => e);
      expect(err.error).toMatchObject({ type: "policy_denied", code: "content_guard_response", rule_id: "guard" });
      const record = await auditRecord(t, err.headers.get("x-igris-request-id"));
      expect(record).toMatchObject({ outcome: "denied", usage: { promptTokens: 16, completionTokens: 363 }, costMicroUsd: 147 });
      expect(record.policy.guardFindings["keyword:galaxy*"]).toBeGreaterThan(0);
    });

    it("redacts a JSON answer", async () => {
      await galaxy("redact");
      const reply = await openai.chat.completions.create({ model: "@holiday/gpt-4.1-nano", messages: ask("Invent a holiday") });
      expect(unredacted(reply.choices[0]!.message.content!)).not.toMatch(/galaxy/i);
      expect(reply.choices[0]!.message.content).toContain("[REDACTED:keyword:galaxy*]");
    });

    it("ends a stream with an error when a deny guard catches the answer, before the match is sent", async () => {
      await harmony("deny");
      const { data: stream, response } = await openai.chat.completions.create({ model: "@holiday-stream/gpt-4.1-nano", messages: ask("Invent a holiday"), stream: true }).withResponse();
      let text = "";
      const err = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      })().catch((e) => e);
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(err.error).toMatchObject({ code: "content_guard_response", rule_id: "guard" });
      expect(text).not.toMatch(/harmony/i);
      expect(await auditRecord(t, response.headers.get("x-igris-request-id")!)).toMatchObject({ outcome: "denied", streamed: true });
    });

    it("rewrites a streamed answer when redacting, across chunk boundaries", async () => {
      await harmony("redact");
      const stream = await openai.chat.completions.create({ model: "@holiday-stream/gpt-4.1-nano", messages: ask("Invent a holiday"), stream: true });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      expect(unredacted(text)).not.toMatch(/harmony day/i);
      expect(text).toContain("[REDACTED:keyword:harmony day]");
      expect(text.length).toBeGreaterThan(500);
    });
  });
});
