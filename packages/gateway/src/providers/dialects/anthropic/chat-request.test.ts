import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { findProvider } from "../../registry.js";
import type { OpenAIChatRequest, Target } from "../dialect.js";
import { ANTHROPIC_VERSION, anthropicChatRequest, messagesPath } from "./chat-request.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";

const target = (model: string): Target => ({ provider: findProvider("anthropic")!, baseUrl: "https://api.anthropic.com", credential: "sk-ant-test-secret", model });
const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`anthropic/${name}`), "utf8"));
const sent = (body: Record<string, unknown>, stream = false, model = "claude-sonnet-4-5") =>
  JSON.parse(anthropicChatRequest({ messages: [{ role: "user", content: "hi" }], ...body } as OpenAIChatRequest, target(model), stream).body);

describe("building the Anthropic request", () => {
  it("posts to /v1/messages with the x-api-key, version and JSON headers", () => {
    const req = anthropicChatRequest({ model: "@vk/claude-haiku-4-5", messages: [{ role: "user", content: "hi" }] }, target("claude-haiku-4-5"), false);
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/v1/messages");
    expect(req.headers).toEqual({ "x-api-key": "sk-ant-test-secret", "anthropic-version": ANTHROPIC_VERSION, "content-type": "application/json", accept: "application/json" });
    expect(JSON.parse(req.body).model).toBe("claude-haiku-4-5");
  });

  it("keeps a base URL's own /v1 out of the path twice", () => {
    expect(messagesPath("https://proxy.example/anthropic/v1")).toBe("/messages");
    expect(messagesPath("https://api.anthropic.com")).toBe("/v1/messages");
  });

  it("matches the recorded SDK request for a tool call with a system prompt", () => {
    const want = recorded("pyd-anthropic-parallel-tool-use.i0.request.json");
    const got = sent(
      {
        messages: [
          { role: "system", content: want.system },
          { role: "user", content: want.messages[0].content[0].text },
        ],
        tools: want.tools.map((t: any) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.input_schema } })),
        tool_choice: "auto",
      },
      false,
      want.model,
    );
    expect(got).toEqual(want);
  });

  it("matches the recorded SDK request for a streamed thinking call (reasoning_effort → thinking)", () => {
    const want = recorded("pyd-anthropic-thinking-stream.i0.request.json");
    const got = sent({ messages: [{ role: "user", content: "How do I cross the street?" }], reasoning_effort: "minimal", max_completion_tokens: 4096, stream: true }, true, want.model);
    expect(got).toEqual(want);
  });

  it("matches the recorded request of a cache-using conversation, top-level cache_control passed on", () => {
    const want = recorded("pyd-anthropic-cache-real-api.i1.request.json");
    const got = sent(
      {
        messages: [
          { role: "system", content: want.system },
          { role: "user", content: want.messages[0].content[0].text },
          { role: "assistant", content: want.messages[1].content[0].text },
          { role: "user", content: want.messages[2].content[0].text },
        ],
        cache_control: want.cache_control,
      },
      false,
      want.model,
    );
    expect(got).toEqual(want);
  });

  it("defaults max_tokens to 4096, and sends stream, stop, sampling and user", () => {
    const got = sent({ stop: "END", temperature: 0.3, top_p: 0.9, user: "user-42", stream: true }, true);
    expect(got).toMatchObject({ max_tokens: 4096, stop_sequences: ["END"], temperature: 0.3, top_p: 0.9, metadata: { user_id: "user-42" }, stream: true });
    expect(sent({ stop: ["a", "b"] }).stop_sequences).toEqual(["a", "b"]);
  });

  it("sends parallel_tool_calls: false as disable_parallel_tool_use on the tool choice", () => {
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }];
    expect(sent({ tools, tool_choice: "required", parallel_tool_calls: false }).tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("asks for a json_schema answer through structured outputs", () => {
    const schema = { type: "object", properties: { a: { type: "number" } }, required: ["a"], additionalProperties: false };
    const got = sent({ response_format: { type: "json_schema", json_schema: { name: "a", schema, strict: true } } });
    expect(got.output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(got.tools).toBeUndefined();
  });

  it("asks for a json_object answer through the forced answer tool", () => {
    const got = sent({ response_format: { type: "json_object" } });
    expect(got.tools.map((t: any) => t.name)).toEqual([JSON_ANSWER_TOOL]);
    expect(got.tool_choice).toEqual({ type: "tool", name: JSON_ANSWER_TOOL });
  });

  it("fails with a 400 naming the field, never dropping it", () => {
    const attempt = (body: Record<string, unknown>) => () => sent(body);
    expect(attempt({ n: 3 })).toThrow(GatewayError);
    expect(attempt({ stop: [""] })).toThrow(/stop/);
    expect(attempt({ reasoning_effort: "low", thinking: { type: "enabled", budget_tokens: 2000 } })).toThrow(/not both/);
    expect(attempt({ response_format: { type: "json_object" }, reasoning_effort: "low" })).toThrow(/reasoning_effort/);
  });

  it("never puts the credential in the body", () => {
    const req = anthropicChatRequest({ messages: [{ role: "user", content: "hi" }] }, target("m"), false);
    expect(req.body).not.toContain("sk-ant-test-secret");
  });
});
