import { describe, expect, it } from "vitest";
import { compileGuard } from "../compile-guard.js";

const guard = compileGuard({ detectors: ["api_key"] });
const matches = (text: string) => guard.scan(text).map((f) => text.slice(f.start, f.end));

const body = (n: number) => "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7cF0hJ".repeat(10).slice(0, n);

describe("api key detector", () => {
  it("finds each provider's token format", () => {
    const tokens = [
      `sk-${body(48)}`, // OpenAI (legacy)
      `sk-proj-${body(40)}_${body(60)}`, // OpenAI project key
      `sk-ant-api03-${body(80)}-${body(12)}AA`, // Anthropic
      `ghp_${body(36)}`, `gho_${body(36)}`, `ghu_${body(36)}`, `ghs_${body(36)}`, `ghr_${body(36)}`, // GitHub
      `github_pat_11ABCDEFG0${body(12)}_${body(59)}`, // GitHub fine-grained
      "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", // Slack
      `sk_live_${body(24)}`, `rk_live_${body(24)}`, `pk_live_${body(24)}`, `sk_test_${body(24)}`, // Stripe
      `AIza${body(35)}`, // Google
      `gsk_${body(52)}`, // Groq
      `xai-${body(80)}`, // xAI
      `hf_${body(34)}`, // Hugging Face
      "igris_sk_abcdEFGHijklMNOPqrstUVWXyz012345", // this gateway
    ];
    for (const token of tokens) expect(matches(`Authorization: Bearer ${token}\n`), token).toEqual([token]);
  });

  it("finds keys inside quotes and assignments", () => {
    const key = `sk-proj-${body(64)}`;
    expect(matches(`OPENAI_API_KEY="${key}"; other`)).toEqual([key]);
  });

  it("does not fire on ordinary words and identifiers that share a prefix", () => {
    expect(matches("use sk-learn-compatible-estimator-interface-for-pipelines here")).toEqual([]);
    expect(matches("sk-1234 ghp_short hf_hub_download gsk_test xai-grok-2 github_pat_")).toEqual([]);
    expect(matches("from hf_AutoModelForCausalLMWithValueHead import x")).toEqual([]);
    expect(matches(`hf_${"abcdefghij".repeat(3)}abcd`)).toEqual([]); // right length, but one case: not a token
  });

  it("does not fire on wrong lengths or tokens glued to other token characters", () => {
    expect(matches(`AIza${body(34)} AIza${body(36)}`)).toEqual([]);
    expect(matches(`task-${body(48)} x_ghp_${body(36)} ghp_${body(36)}-x`)).toEqual([]);
    expect(matches("xoxb-abcdefghijklmnop")).toEqual([]);
  });
});
