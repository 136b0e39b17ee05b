import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { translateChatResponse } from "./chat-response.js";
import { recordedJson } from "./recorded-fixtures.js";

const ident = { id: "chatcmpl-local", created: 1700000000, model: "command-a-03-2025" };
const translate = (name: string) => translateChatResponse(recordedJson(name), ident);
const usage = (promptTokens: number, completionTokens: number, cachedTokens = 0) => ({ promptTokens, completionTokens, cachedTokens, cacheWriteTokens: 0, reasoningTokens: 0 });

describe("translating Cohere chat answers", () => {
  it("translates a text answer with Cohere's id and the billed usage", () => {
    const { body, usage: u } = translate("vercel-cohere-text.json");
    expect(body).toEqual({
      id: "e7592632-1e3d-424f-b129-bd5f9f980f7b",
      object: "chat.completion",
      created: 1700000000,
      model: "command-a-03-2025",
      choices: [{ index: 0, message: { role: "assistant", content: "The capital of France is Paris.", refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(u).toEqual(usage(12, 7));
  });

  it("translates the recorded pydantic-ai answers", () => {
    const simple = translate("pyd-cohere-simple.i0.response.json");
    expect(simple.body.choices[0]!.message.content).toBe("Hello! How can I assist you today?");
    expect(simple.body.choices[0]!.finish_reason).toBe("stop");
    expect(simple.usage).toEqual(usage(1, 9));
  });

  it("trap 3: reports cached tokens as the billed part of the prompt that hit the cache", () => {
    const { body, usage: u } = translate("pyd-cohere-cached-tokens.i0.response.json");
    expect(body.choices[0]!.message.content).toBe("Hello!");
    expect(u).toEqual(usage(2406, 2, 2399));
    expect(body.usage).toMatchObject({ prompt_tokens: 2406, completion_tokens: 2, total_tokens: 2408, prompt_tokens_details: { cached_tokens: 2399 } });
  });

  it("maps MAX_TOKENS to length", () => {
    const { body, usage: u } = translate("vercel-cohere-max-tokens.json");
    expect(body.choices[0]!.message.content).toBe("**The History of");
    expect(body.choices[0]!.finish_reason).toBe("length");
    expect(u).toEqual(usage(11, 4));
  });

  it("trap 11: thinking content becomes reasoning_content", () => {
    const { body, usage: u } = translate("vercel-cohere-reasoning.json");
    expect(body.choices[0]!.message).toEqual({
      role: "assistant",
      content: "2 + 2 = 4",
      reasoning_content: "Okay, so I need to figure out what 2 + 2 is. Let me start by recalling what addition means.",
      refusal: null,
    });
    expect(u).toEqual(usage(8, 578));
  });

  it("translates tool calls with their ids, names and arguments, and the tool plan as reasoning", () => {
    const { body, usage: u } = translate("vercel-cohere-tool-call.json");
    const message = body.choices[0]!.message;
    expect(message.content).toBeNull();
    expect(message.reasoning_content).toBe(
      "I will use the weather tool to find out the weather in San Francisco. I will also use the cityAttractions tool to find out what attractions are in San Francisco.",
    );
    expect(message.tool_calls).toEqual([
      { id: "weather_dqgshstja6p9", type: "function", function: { name: "weather", arguments: '{"location":"San Francisco"}' } },
      { id: "cityAttractions_dcxfx4myvx68", type: "function", function: { name: "cityAttractions", arguments: '{"city":"San Francisco"}' } },
    ]);
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(u).toEqual(usage(119, 52));
  });

  it('trap 8: a tool call with "null" arguments gets "{}"', () => {
    const { body, usage: u } = translate("vercel-cohere-null-args.json");
    expect(body.choices[0]!.message.tool_calls).toEqual([{ id: "currentTime_tf4dywn8wgnk", type: "function", function: { name: "currentTime", arguments: "{}" } }]);
    expect(body.choices[0]!.finish_reason).toBe("tool_calls");
    expect(u).toEqual(usage(46, 14));
  });

  it("trap 12: ignores citations and other fields it does not know", () => {
    const { body, usage: u } = translate("vercel-cohere-citations.json");
    expect(body.choices[0]!.message).toEqual({
      role: "assistant",
      content: "The key benefits mentioned in this document are:\n1. Automation of tasks\n2. Better decision-making\n3. Cost reduction",
      refusal: null,
    });
    expect(u).toEqual(usage(39, 27));
    const odd = translateChatResponse({ message: { content: [{ type: "image", url: "x" }, { type: "text", text: "ok" }], surprise: 1 }, finish_reason: "COMPLETE" }, ident);
    expect(odd.body.choices[0]!.message.content).toBe("ok");
    expect(odd.body.id).toBe("chatcmpl-local");
    expect(odd.usage).toBeNull();
  });

  it("keeps thinking and a tool plan apart when an answer has both", () => {
    const { body } = translateChatResponse(
      { message: { content: [{ type: "thinking", thinking: "Need weather." }], tool_plan: "Call weather.", tool_calls: [{ id: "w1", type: "function", function: { name: "weather" } }] }, finish_reason: "TOOL_CALL" },
      ident,
    );
    expect(body.choices[0]!.message.reasoning_content).toBe("Need weather.\n\nCall weather.");
    expect(body.choices[0]!.message.tool_calls![0]!.function.arguments).toBe("{}");
  });

  it("turns a generation that ended in ERROR or TIMEOUT into an error, never a complete answer", () => {
    const failed = () => translateChatResponse({ message: { content: [{ type: "text", text: "partial" }] }, finish_reason: "ERROR" }, ident);
    expect(failed).toThrow(GatewayError);
    expect(failed).toThrow(/failed during the generation/);
    try {
      translateChatResponse({ message: {}, finish_reason: "TIMEOUT" }, ident);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ status: 504, type: "api_error", code: "upstream_timeout" });
    }
  });
});
