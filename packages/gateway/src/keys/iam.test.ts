import { describe, expect, it } from "vitest";
import { ApiKeyIamSchema, compileIam } from "./iam.js";

const check = (iam: unknown, provider: string, model: string) => compileIam(ApiKeyIamSchema.parse(iam))(provider, model)?.rule ?? null;

describe("API-key IAM rules", () => {
  it("allows everything without rules", () => {
    expect(compileIam(null)("openai", "gpt-4o")).toBeNull();
  });

  it("applies model and provider allow and deny lists, deny first", () => {
    expect(check({ allow_models: ["gpt-4o*"] }, "openai", "gpt-4o-mini")).toBeNull();
    expect(check({ allow_models: ["gpt-4o*"] }, "openai", "o3")).toBe("iam.allow_models");
    expect(check({ allow_models: ["gpt-4o*"], deny_models: ["gpt-4o"] }, "openai", "gpt-4o")).toBe("iam.deny_models");
    expect(check({ allow_providers: ["openai", "groq"] }, "xai", "grok-3")).toBe("iam.allow_providers");
    expect(check({ deny_providers: ["x*"] }, "xai", "grok-3")).toBe("iam.deny_providers");
  });

  it("limits by price per million tokens, and refuses unknown prices", () => {
    expect(check({ allow_pricing: { max_input_per_million: 0.5 } }, "openai", "gpt-4o-mini")).toBeNull();
    expect(check({ allow_pricing: { max_input_per_million: 0.5 } }, "openai", "gpt-4o")).toBe("iam.allow_pricing");
    expect(check({ allow_pricing: { max_output_per_million: 1 } }, "openai", "gpt-4o-mini")).toBeNull();
    expect(check({ allow_pricing: { max_output_per_million: 0.5 } }, "openai", "gpt-4o-mini")).toBe("iam.allow_pricing");
    expect(check({ allow_pricing: { free: true } }, "openai", "gpt-4o-mini")).toBe("iam.allow_pricing");
    expect(check({ allow_pricing: { max_input_per_million: 100 } }, "openai-compatible", "my-local-model")).toBe("iam.allow_pricing");
  });

  it("rejects malformed rules", () => {
    expect(ApiKeyIamSchema.safeParse({ allow_pricing: {} }).success).toBe(false);
    expect(ApiKeyIamSchema.safeParse({ allow_models: "gpt-4o" }).success).toBe(false);
    expect(ApiKeyIamSchema.safeParse({ colour: 1 }).success).toBe(false);
  });
});
