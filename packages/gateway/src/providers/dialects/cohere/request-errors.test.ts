import { describe, expect, it } from "vitest";
import { unsupportedField, unsupportedValue } from "./request-errors.js";

describe("request translation errors", () => {
  it("are 400s that name the field", () => {
    expect(unsupportedField("logit_bias").toBody()).toEqual({
      error: { message: "Cohere does not support `logit_bias`.", type: "invalid_request_error", param: "logit_bias", code: "unsupported_parameter" },
    });
    expect(unsupportedField("n", "only n: 1").message).toBe("Cohere does not support `n`: only n: 1");
    const value = unsupportedValue("temperature", "expected a number");
    expect(value.status).toBe(400);
    expect(value.toBody().error).toMatchObject({ param: "temperature", code: "unsupported_value", message: "Invalid `temperature` for Cohere: expected a number" });
  });
});
