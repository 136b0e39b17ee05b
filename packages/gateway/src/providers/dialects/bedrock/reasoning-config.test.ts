import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { ANSWER_TOKENS_AFTER_THINKING, reasoningConfig } from "./reasoning-config.js";

const CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";

function failure(effort: unknown, model: string, maxTokens?: number): GatewayError {
  try {
    reasoningConfig(effort, model, maxTokens);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("mapping reasoning_effort", () => {
  it("asks Claude for a thinking budget in additionalModelRequestFields, as recorded (pyd-bedrock-thinking-stream-binary)", () => {
    const request = JSON.parse(readFileSync(wireFixture("bedrock/pyd-bedrock-thinking-stream-binary.i0.request.json"), "utf8"));
    const config = reasoningConfig("minimal", CLAUDE, undefined);
    expect(config.additionalModelRequestFields).toEqual(request.additionalModelRequestFields);
    expect(config.maxTokens).toBe(1024 + ANSWER_TOKENS_AFTER_THINKING);
  });

  it("scales the budget with the effort and keeps the client's max_tokens when it leaves room", () => {
    expect(reasoningConfig("low", CLAUDE, undefined).additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(reasoningConfig("high", CLAUDE, 20000)).toEqual({ additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 16384 } }, maxTokens: 20000 });
  });

  it("refuses a max_tokens that the thinking budget would use up", () => {
    expect(failure("medium", CLAUDE, 8192)).toMatchObject({ status: 400, param: "max_tokens", code: "max_tokens_too_small" });
  });

  it("sends nothing for none or no effort", () => {
    expect(reasoningConfig("none", "us.amazon.nova-micro-v1:0", undefined)).toEqual({});
    expect(reasoningConfig(undefined, CLAUDE, undefined)).toEqual({});
  });

  it("refuses reasoning_effort for model families without a thinking budget, and unknown efforts", () => {
    expect(failure("high", "us.amazon.nova-micro-v1:0")).toMatchObject({ status: 400, param: "reasoning_effort", code: "unsupported_parameter" });
    expect(failure("extreme", CLAUDE)).toMatchObject({ status: 400, param: "reasoning_effort", code: "invalid_reasoning_effort" });
  });
});
