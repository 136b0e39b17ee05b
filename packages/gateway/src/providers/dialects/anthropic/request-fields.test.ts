import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { checkRequestFields } from "./request-fields.js";

const base = { model: "claude", messages: [{ role: "user", content: "hi" }] };

function refusal(extra: Record<string, unknown>): GatewayError {
  try {
    checkRequestFields({ ...base, ...extra });
  } catch (e) {
    return e as GatewayError;
  }
  throw new Error("expected a refusal");
}

describe("checking request fields for Anthropic", () => {
  it("accepts the translated fields and ignores cosmetic OpenAI-only ones", () => {
    expect(() =>
      checkRequestFields({ ...base, temperature: 0.2, top_p: 1, stream_options: { include_usage: true }, seed: 7, store: false, metadata: { a: "b" }, user: "u1" }),
    ).not.toThrow();
  });

  it("accepts OpenAI's defaults for fields Anthropic lacks", () => {
    expect(() => checkRequestFields({ ...base, n: 1, logprobs: false, frequency_penalty: 0, presence_penalty: 0, logit_bias: {}, modalities: ["text"], service_tier: "auto" })).not.toThrow();
  });

  it("refuses fields that would change the answer, naming them", () => {
    for (const [field, value] of Object.entries({ n: 2, logprobs: true, top_logprobs: 3, presence_penalty: 0.5, logit_bias: { "50256": -100 }, audio: { voice: "x" }, functions: [], prediction: {} })) {
      const error = refusal({ [field]: value });
      expect(error.status).toBe(400);
      expect(error.param).toBe(field);
      expect(error.message).toContain(field);
    }
  });

  it("refuses unknown fields rather than dropping them", () => {
    expect(refusal({ frobnicate: true }).message).toBe("frobnicate is not supported by Anthropic.");
  });

  it("refuses a temperature above Anthropic's maximum of 1", () => {
    expect(refusal({ temperature: 1.5 }).param).toBe("temperature");
    expect(refusal({ top_p: -1 }).param).toBe("top_p");
  });
});
