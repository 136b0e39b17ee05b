import { describe, expect, it } from "vitest";
import type { PolicyInput } from "./conditions.js";
import { compileRules, evaluatePolicy } from "./evaluate.js";
import { type PolicyRule, PolicyRulesSchema } from "./rule-schema.js";

const input = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  model: "gpt-4o-mini",
  endpoint: "chat.completions",
  user: "alice",
  traceId: null,
  virtualKey: "openai-prod",
  provider: "openai",
  apiKey: "key_1",
  metadata: { team: "search" },
  ...over,
});

const rules = (raw: unknown[]): PolicyRule[] => PolicyRulesSchema.parse(raw);
const decide = (vk: unknown[], org: unknown[], i: PolicyInput, defaultAction: "allow" | "deny" = "allow") =>
  evaluatePolicy([...compileRules(rules(vk), "virtualKey"), ...compileRules(rules(org), "org")], defaultAction, i);

describe("evaluating policy rules", () => {
  it("lets the first matching allow or deny decide", () => {
    const org = [
      { id: "deny-gpt4", target: { kind: "llm_model", model: "gpt-4*" }, action: "deny" },
      { id: "allow-all", target: { kind: "llm_model", model: "*" }, action: "allow" },
    ];
    expect(decide([], org, input())).toMatchObject({ action: "deny", rule: { id: "deny-gpt4" }, origin: "org" });
    expect(decide([], org, input({ model: "o3-mini" }))).toMatchObject({ action: "allow", rule: { id: "allow-all" } });
  });

  it("evaluates the virtual key's rules before the organisation's", () => {
    const vk = [{ id: "vk-allow", target: { kind: "llm_model", model: "gpt-4o*" }, action: "allow" }];
    const org = [{ id: "org-deny", target: { kind: "llm_model", model: "*" }, action: "deny" }];
    expect(decide(vk, org, input())).toMatchObject({ action: "allow", rule: { id: "vk-allow" }, origin: "virtualKey" });
    expect(decide(vk, org, input({ model: "o3" }))).toMatchObject({ action: "deny", rule: { id: "org-deny" } });
  });

  it("records alerts and goes on evaluating", () => {
    const org = [
      { id: "watch-alice", target: { kind: "llm_endpoint", endpoint: "chat.completions" }, action: "alert", conditions: { user: "alice" } },
      { id: "watch-search", target: { kind: "llm_model", model: "*" }, action: "alert", conditions: { "metadata.team": ["search", "ads"] } },
      { id: "deny-o", target: { kind: "llm_model", model: "o*" }, action: "deny" },
    ];
    expect(decide([], org, input())).toEqual({ action: "allow", rule: null, origin: "default", alerts: ["watch-alice", "watch-search"] });
    expect(decide([], org, input({ model: "o3", user: "bob" }))).toMatchObject({ action: "deny", alerts: ["watch-search"] });
  });

  it("falls back to the organisation's default when nothing matches", () => {
    expect(decide([], [], input(), "deny")).toEqual({ action: "deny", rule: null, origin: "default", alerts: [] });
    expect(decide([], [], input(), "allow").action).toBe("allow");
  });

  it("matches conditions by equality, any-of, glob and negation", () => {
    const rule = (conditions: unknown) => [{ id: "r", target: { kind: "llm_model", model: "*" }, action: "deny", conditions }];
    const hit = (conditions: unknown, i = input()) => decide([], rule(conditions), i).action === "deny";
    expect(hit({ user: "alice" })).toBe(true);
    expect(hit({ user: "bob" })).toBe(false);
    expect(hit({ user: ["bob", "alice"] })).toBe(true);
    expect(hit({ virtualKey: { glob: "openai-*" } })).toBe(true);
    expect(hit({ provider: { not: "openai" } })).toBe(false);
    expect(hit({ provider: { not: ["groq", "xai"] } })).toBe(true);
    expect(hit({ user: { not: { glob: "a*" } } })).toBe(false);
    // Every condition must hold.
    expect(hit({ user: "alice", "metadata.team": "ads" })).toBe(false);
    // A missing value matches nothing but a negation.
    expect(hit({ traceId: { glob: "*" } })).toBe(false);
    expect(hit({ traceId: { not: "x" } })).toBe(true);
    expect(hit({ "metadata.env": { not: "prod" } })).toBe(true);
  });

  it("targets endpoints as well as models", () => {
    const org = [{ id: "no-embed", target: { kind: "llm_endpoint", endpoint: "embeddings" }, action: "deny" }];
    expect(decide([], org, input({ endpoint: "embeddings" })).action).toBe("deny");
    expect(decide([], org, input()).action).toBe("allow");
  });
});

describe("validating policy rules", () => {
  const issue = (raw: unknown) => {
    const r = PolicyRulesSchema.safeParse([raw]);
    return r.success ? null : r.error.issues[0]!.path.join(".");
  };
  const base = { id: "r1", target: { kind: "llm_model", model: "*" }, action: "allow" };

  it("accepts every documented shape", () => {
    expect(
      issue({
        ...base,
        name: "Budget",
        conditions: { user: "a", "metadata.team": ["x"], virtualKey: { glob: "o*" }, provider: { not: "groq" } },
        limit: { dollars: 5, per: "day", scope: "metadata.team" },
        tokenGuard: { maxInputTokens: 1000, maxOutputTokens: 500, maxRequestMaxTokens: 2000 },
        contentGuard: { detectors: ["pack:pii-default", "keyword:titan*"], action: "redact", inspectResponse: true },
        logContent: true,
      }),
    ).toBeNull();
  });

  it("names the bad field's path", () => {
    expect(issue({ ...base, target: { kind: "llm_model" } })).toBe("0.target.model");
    expect(issue({ ...base, target: { kind: "nope" } })).toBe("0.target.kind");
    expect(issue({ ...base, action: "block" })).toBe("0.action");
    expect(issue({ ...base, conditions: { colour: "red" } })).toBe("0.conditions.colour");
    expect(issue({ ...base, limit: { requests: 1, tokens: 2, per: "day" } })).toBe("0.limit");
    expect(issue({ ...base, limit: { requests: 1, per: "week" } })).toBe("0.limit.per");
    expect(issue({ ...base, limit: { requests: 1, per: "day", scope: "team" } })).toBe("0.limit.scope");
    expect(issue({ ...base, action: "alert", limit: { requests: 1, per: "day" } })).toBe("0.limit");
    expect(issue({ ...base, tokenGuard: {} })).toBe("0.tokenGuard");
    expect(issue({ ...base, surprise: 1 })).toBe("0");
    expect(PolicyRulesSchema.safeParse([base, base]).error?.issues[0]?.path).toEqual([1, "id"]);
  });
});
