import { describe, expect, it } from "vitest";
import { GatewayError } from "../lib/errors.js";
import { parseChatRequest, splitModel } from "./parse-chat-request.js";

const parse = (v: unknown) => parseChatRequest(Buffer.from(typeof v === "string" ? v : JSON.stringify(v)));
const codeOf = (v: unknown) => {
  try {
    parse(v);
  } catch (e) {
    return (e as GatewayError).code;
  }
  return "no error";
};

describe("parsing a chat completions request", () => {
  it("splits @slug/model, keeping slashes in the model", () => {
    expect(splitModel("@openai-prod/gpt-4o")).toEqual({ slug: "openai-prod", model: "gpt-4o" });
    expect(splitModel("@or/meta-llama/llama-3-70b")).toEqual({ slug: "or", model: "meta-llama/llama-3-70b" });
    expect(splitModel("gpt-4o")).toBeNull();
    expect(splitModel("@/gpt-4o")).toBeNull();
    expect(splitModel("@slug/")).toBeNull();
  });

  it("keeps unknown fields and reads the stream flags", () => {
    const r = parse({ model: "@a/b", messages: [], stream: true, stream_options: { include_usage: true }, vendor_x: { y: 1 } });
    expect(r).toMatchObject({ slug: "a", model: "b", stream: true, clientWantsUsage: true });
    expect(r.body.vendor_x).toEqual({ y: 1 });
  });

  it("rejects malformed input with a named error", () => {
    expect(codeOf("{not json")).toBe("invalid_json");
    expect(codeOf("[1,2]")).toBe("invalid_body");
    expect(codeOf("null")).toBe("invalid_body");
    expect(codeOf({ messages: [] })).toBe("missing_model");
    expect(codeOf({ model: "@a/b" })).toBe("missing_messages");
    expect(codeOf({ model: "@gpt-4o", messages: [] })).toBe("invalid_model_format");
    expect(codeOf({ model: "@route:", messages: [] })).toBe("invalid_model_format");
    expect(codeOf({ model: "@a/b", messages: [], stream: "yes" })).toBe("invalid_stream");
  });
});
