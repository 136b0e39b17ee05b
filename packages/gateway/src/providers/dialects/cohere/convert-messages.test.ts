import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { convertMessages } from "./convert-messages.js";
import { recordedJson } from "./recorded-fixtures.js";

const rejects = (messages: unknown[], param: string) => {
  try {
    convertMessages(messages);
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, param });
  }
};

describe("converting OpenAI messages to Cohere v2 messages", () => {
  it("writes system and user messages the way the Cohere SDK recorded them", () => {
    const recorded = recordedJson("pyd-cohere-cached-tokens.i0.request.json").messages;
    const openai = recorded.map((m: { role: string; content: string }) => ({ role: m.role, content: m.content, name: "ignored" }));
    expect(convertMessages(openai)).toEqual(recorded);
  });

  it("turns developer messages into system messages and keeps text parts", () => {
    expect(convertMessages([{ role: "developer", content: [{ type: "text", text: "Be brief." }] }])).toEqual([{ role: "system", content: [{ type: "text", text: "Be brief." }] }]);
  });

  it("sends image parts as https URLs and base64 data URLs", () => {
    const content = [
      { type: "text", text: "What is in these?" },
      { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ];
    expect(convertMessages([{ role: "user", content }])).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "low" } },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        ],
      },
    ]);
  });

  it("carries assistant tool calls with their text as the tool plan, and tool results by id", () => {
    const messages = [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: "I will look it up.", tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
      { role: "assistant", content: [{ type: "text", text: "It is 21 " }, { type: "text", text: "degrees." }] },
    ];
    expect(convertMessages(messages)).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        tool_plan: "I will look it up.",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' },
      { role: "assistant", content: "It is 21 degrees." },
    ]);
  });

  it("sends back a tool plan that came as reasoning_content, and object arguments as JSON", () => {
    const [message] = convertMessages([
      { role: "assistant", content: null, reasoning_content: "Use the clock.", tool_calls: [{ id: "c", type: "function", function: { name: "now", arguments: { tz: "UTC" } } }] },
    ]);
    expect(message).toEqual({ role: "assistant", tool_plan: "Use the clock.", tool_calls: [{ id: "c", type: "function", function: { name: "now", arguments: '{"tz":"UTC"}' } }] });
  });

  it("refuses what Cohere cannot take, naming the field", () => {
    rejects([], "messages");
    rejects([{ role: "function", name: "f", content: "x" }], "messages[0].role");
    rejects([{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }], "messages[0].content[0].type");
    rejects([{ role: "user", content: [{ type: "image_url", image_url: { url: "ftp://x/y.png" } }] }], "messages[0].content[0].image_url.url");
    rejects([{ role: "system", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] }], "messages[0].content[0].type");
    rejects([{ role: "tool", content: "x" }], "messages[0].tool_call_id");
    rejects([{ role: "assistant", function_call: { name: "f", arguments: "{}" } }], "messages[0].function_call");
    rejects([{ role: "assistant", tool_calls: [{ id: "c", type: "custom", custom: {} }] }], "messages[0].tool_calls[0]");
    rejects(["hello"], "messages[0]");
  });
});
