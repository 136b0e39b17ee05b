import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Igris } from "./client.js";
import { IgrisAuthError, IgrisConflictError, IgrisError, IgrisPolicyDeniedError, IgrisRateLimitError, IgrisValidationError } from "./errors.js";
import { startSdkGateway, type TestGateway } from "./test-support/gateway.js";

const ask = [{ role: "user" as const, content: "hi" }];

describe("typed errors from a running gateway", () => {
  let t: TestGateway;
  let admin: Igris;
  let igris: Igris;

  beforeAll(async () => {
    ({ t, admin, igris } = await startSdkGateway());
    await t.virtualKey("gpt4o-only", { models: ["gpt-4o*"] });
    await t.virtualKey("busy", { directives: "status=429;retry-after=7" });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("401: a key the gateway does not know", async () => {
    const stranger = new Igris({ apiKey: "igris_sk_not_a_real_key", baseUrl: t.url });
    const err = await stranger.chat.completions.create({ model: "@gpt4o-only/gpt-4o", messages: ask }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisAuthError);
    expect(err).toMatchObject({ status: 401, type: "authentication_error", code: "invalid_api_key", requestId: expect.stringMatching(/^req_/) });
    await expect(stranger.llmProviders.list()).rejects.toBeInstanceOf(IgrisAuthError);
  });

  it("403: a model outside the virtual key's allowlist, and a policy rule", async () => {
    const err = await igris.chat.completions.create({ model: "@gpt4o-only/gpt-3.5-turbo", messages: ask }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisPolicyDeniedError);
    expect(err).toMatchObject({ status: 403, code: "model_not_allowed" });

    const put = await t.admin("PUT", "/api/policies", { rules: [{ id: "no-mini", target: { kind: "llm_model", model: "gpt-4o-mini" }, action: "deny" }] });
    expect(put.status, put.text).toBe(200);
    try {
      const denied = await igris.chat.completions.create({ model: "@gpt4o-only/gpt-4o-mini", messages: ask }).catch((e) => e);
      expect(denied).toBeInstanceOf(IgrisPolicyDeniedError);
      expect(denied).toMatchObject({ status: 403, type: "policy_denied", ruleId: "no-mini" });
    } finally {
      await t.admin("PUT", "/api/policies", { rules: [] });
    }
  });

  it("403: a data-plane key on the admin API", async () => {
    await expect(igris.virtualKeys.list()).rejects.toBeInstanceOf(IgrisPolicyDeniedError);
  });

  it("409: a virtual key slug that is taken", async () => {
    await admin.virtualKeys.create({ slug: "taken", provider: "groq", apiKey: "k" });
    const err = await admin.virtualKeys.create({ slug: "taken", provider: "groq", apiKey: "k" }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisConflictError);
    expect(err).toMatchObject({ status: 409, code: "virtual_key_exists", param: "slug" });
  });

  it("422: an admin body with an invalid field", async () => {
    const err = await admin.virtualKeys.create({ slug: "ok-slug", provider: "openai", apiKey: "k", models: ["a", 3 as unknown as string] }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisValidationError);
    expect(err).toMatchObject({ status: 422, param: "models.1" });
  });

  it("400: a data-plane request the gateway cannot read", async () => {
    const err = await igris.chat.completions.create({ model: "@gpt4o-only/gpt-4o", messages: "hi" as never }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisValidationError);
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", code: "missing_messages", param: "messages" });
  });

  it("429: the provider's rate limit, with its Retry-After", async () => {
    const err = await igris.chat.completions.create({ model: "@busy/gpt-4o", messages: ask }).catch((e) => e);
    expect(err).toBeInstanceOf(IgrisRateLimitError);
    expect(err).toMatchObject({ status: 429, retryAfter: 7 });
  });

  it("429: a policy limit, naming the rule", async () => {
    const rule = `one-a-minute-${randomBytes(4).toString("hex")}`;
    await t.admin("PUT", "/api/policies", { rules: [{ id: rule, target: { kind: "llm_model", model: "*" }, action: "allow", limit: { requests: 1, per: "minute", scope: "user" } }] });
    try {
      const call = () => igris.chat.completions.create({ model: "@gpt4o-only/gpt-4o", messages: ask, user: "limited" });
      await call();
      const err = await call().catch((e) => e);
      expect(err).toBeInstanceOf(IgrisRateLimitError);
      expect(err.ruleId).toBe(rule);
      expect(err.retryAfter).toBeGreaterThanOrEqual(1);
      expect(err.retryAfter).toBeLessThanOrEqual(60);
    } finally {
      await t.admin("PUT", "/api/policies", { rules: [] });
    }
  });

  it("404 and other statuses stay plain IgrisErrors", async () => {
    const err = await igris.chat.completions.create({ model: "@no-such-key/gpt-4o", messages: ask }).catch((e) => e);
    expect(err.constructor).toBe(IgrisError);
    expect(err).toMatchObject({ status: 404, code: "virtual_key_not_found" });
  });
});
