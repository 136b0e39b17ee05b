import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wireFixture } from "../../../testing/fixtures.js";
import { anthropicChatResponse } from "./chat-response.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";

const ident = { id: "chatcmpl-test", created: 1700000000, model: "claude-asked-for" };
const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`anthropic/${name}`), "utf8"));
const translate = (name: string) => anthropicChatResponse(recorded(name), ident);
const noCache = { cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };

describe("translating Anthropic JSON answers", () => {
  it("translates a plain text answer with its id, model, finish reason and usage", () => {
    const { body, usage } = translate("vercel-anthropic-text.json");
    expect(body).toMatchObject({ id: "msg_01VdEjxAP5ahtHKrrRdNBteQ", object: "chat.completion", created: 1700000000, model: "claude-sonnet-4-5-20250929" });
    expect(body.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?", refusal: null },
      finish_reason: "stop",
      logprobs: null,
    });
    expect(usage).toEqual({ promptTokens: 12, completionTokens: 29, ...noCache });
    expect(body.usage).toEqual({ prompt_tokens: 12, completion_tokens: 29, total_tokens: 41, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } });
  });

  it("translates four parallel tool calls after text, in order, with their ids", () => {
    const { body, usage } = translate("pyd-anthropic-parallel-tool-use.i0.response.json");
    const message = body.choices[0]!.message;
    expect(message.content).toBe("I'll help you find out who is the youngest by retrieving information about each family member. I'll retrieve their entity information to compare their ages.");
    expect(message.tool_calls).toEqual([
      { id: "toolu_0167cfEnoQaPviGdVXA95zcu", type: "function", function: { name: "retrieve_entity_info", arguments: '{"name":"Alice"}' } },
      { id: "toolu_01EEe2V5HD1Ac4rKiUR4HD2T", type: "function", function: { name: "retrieve_entity_info", arguments: '{"name":"Bob"}' } },
      { id: "toolu_01XFyAjstT3966qvRynZyVPo", type: "function", function: { name: "retrieve_entity_info", arguments: '{"name":"Charlie"}' } },
      { id: "toolu_013mnQZbgtK2oe3Mo3XKJsx3", type: "function", function: { name: "retrieve_entity_info", arguments: '{"name":"Daisy"}' } },
    ]);
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(usage).toEqual({ promptTokens: 423, completionTokens: 202, ...noCache });
  });

  it("translates the answer after the tool results", () => {
    const { body, usage } = translate("pyd-anthropic-parallel-tool-use.i1.response.json");
    expect(body.choices[0]!.message.content).toMatch(/^Based on the retrieved information.*youngest among the four family members\.$/s);
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(usage).toEqual({ promptTokens: 771, completionTokens: 77, ...noCache });
  });

  it("trap 8: a tool call with empty input gets arguments {}", () => {
    const { body, usage } = translate("vercel-anthropic-tool-no-args.json");
    expect(body.choices[0]!.message.tool_calls).toEqual([{ id: "toolu_01LRmxn9vGM1d2DZSDBowdZ1", type: "function", function: { name: "updateIssueList", arguments: "{}" } }]);
    expect(body.choices[0]!.message.content).toMatch(/^<thinking>\nThe updateIssueList tool .*Okay, I will update the current issue list:$/s);
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(usage).toEqual({ promptTokens: 602, completionTokens: 93, ...noCache });
  });

  it("trap 11: thinking becomes reasoning_content beside the text and the tool call, signature left out", () => {
    const { body, usage } = translate("pyd-anthropic-tool-with-thinking.i0.response.json");
    const message = body.choices[0]!.message;
    expect(message.reasoning_content).toMatch(/^The user is asking about the largest city in "the user country"\..*Let me call the get_user_country function first\.$/s);
    expect(message.content).toBe("I'll help you find the largest city in your country. First, let me determine which country you're from.");
    expect(message.tool_calls).toEqual([{ id: "toolu_01YGzqpRE16Vricda3Aqcejo", type: "function", function: { name: "get_user_country", arguments: "{}" } }]);
    expect(JSON.stringify(body)).not.toContain("EqEECkYICxgC");
    expect(usage).toEqual({ promptTokens: 398, completionTokens: 155, ...noCache });
  });

  it("translates the final answer of the thinking tool round trip", () => {
    const { body, usage } = translate("pyd-anthropic-tool-with-thinking.i1.response.json");
    expect(body.choices[0]!.message.content).toMatch(/^Based on the information that you're from Mexico, the largest city in your country is \*\*Mexico City\*\*/);
    expect(body.choices[0]!.message.reasoning_content).toBeUndefined();
    expect(usage).toEqual({ promptTokens: 566, completionTokens: 126, ...noCache });
  });

  it("trap 3: cache reads and writes are part of prompt tokens", () => {
    expect(translate("pyd-anthropic-cache-real-api.i0.response.json").usage).toEqual({ promptTokens: 1114, completionTokens: 406, cachedTokens: 1111, cacheWriteTokens: 0, reasoningTokens: 0 });
    const { body, usage } = translate("pyd-anthropic-cache-real-api.i1.response.json");
    expect(usage).toEqual({ promptTokens: 1532, completionTokens: 33, cachedTokens: 1111, cacheWriteTokens: 418, reasoningTokens: 0 });
    expect(body.usage).toEqual({
      prompt_tokens: 1532,
      completion_tokens: 33,
      total_tokens: 1565,
      prompt_tokens_details: { cached_tokens: 1111, cache_write_tokens: 418 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it("trap 12: skips server tool blocks and joins the text around them", () => {
    const { body, usage } = translate("vercel-anthropic-web-fetch-error-result.error.json");
    const message = body.choices[0]!.message;
    expect(message.tool_calls).toBeUndefined();
    expect(message.content).toMatch(/^I'll fetch the PDF document from the URL you provided to see what it says about AI\.I'm unable to access the PDF document/);
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(usage).toEqual({ promptTokens: 1902, completionTokens: 214, ...noCache });
  });

  it("reports a client tool named json as an ordinary tool call", () => {
    const { body, usage } = translate("vercel-anthropic-json-tool.1.json");
    const call = body.choices[0]!.message.tool_calls![0]!;
    expect(call).toMatchObject({ id: "toolu_01Q9ExVZnzZj7E2QQYHYtNUa", function: { name: "json" } });
    expect(JSON.parse(call.function.arguments).elements).toHaveLength(4);
    expect(body.choices[0]!.message.content).toBeNull();
    expect(usage).toEqual({ promptTokens: 1151, completionTokens: 87, ...noCache });
  });

  it("turns the forced json_object answer tool back into content with finish reason stop", () => {
    const answer = recorded("vercel-anthropic-json-tool.1.json");
    answer.content[0].name = JSON_ANSWER_TOOL;
    const { body } = anthropicChatResponse(answer, ident);
    const choice = body.choices[0]!;
    expect(choice.message.tool_calls).toBeUndefined();
    expect(JSON.parse(choice.message.content!)).toEqual(answer.content[0].input);
    expect(choice.finish_reason).toBe("stop");
  });

  it("maps refusal and max_tokens stop reasons", () => {
    const base = { id: "msg_1", model: "claude", content: [{ type: "text", text: "x" }], usage: { input_tokens: 1, output_tokens: 1 } };
    expect(anthropicChatResponse({ ...base, stop_reason: "refusal" }, ident).body.choices[0]!.finish_reason).toBe("content_filter");
    expect(anthropicChatResponse({ ...base, stop_reason: "max_tokens" }, ident).body.choices[0]!.finish_reason).toBe("length");
  });

  it("trap 12: survives a body of unexpected shape", () => {
    const { body, usage } = anthropicChatResponse({ content: [null, 3, { type: "brand_new_block" }], extra: true }, ident);
    expect(body).toMatchObject({ id: "chatcmpl-test", model: "claude-asked-for" });
    expect(body.choices[0]!.message.content).toBeNull();
    expect(usage).toBeNull();
  });
});
