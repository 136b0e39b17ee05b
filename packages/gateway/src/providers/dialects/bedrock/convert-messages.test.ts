import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { convertMessages } from "./convert-messages.js";

const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));

function failure(messages: unknown[]): GatewayError {
  try {
    convertMessages(messages);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("converting OpenAI messages to Converse", () => {
  it("moves the system message to the top level, as the SDK recorded it (pyd-bedrock-converse)", () => {
    const request = recorded("pyd-bedrock-converse.i0.request.json");
    const out = convertMessages([
      { role: "system", content: "You are a chatbot." },
      { role: "user", content: "Hello!" },
    ]);
    expect(out.system).toEqual(request.system);
    expect(out.messages).toEqual(request.messages);
    expect(out.hasToolBlocks).toBe(false);
  });

  it("turns a tool call and its result into toolUse and toolResult blocks (pyd-bedrock-iter-stream-binary i1)", () => {
    const request = recorded("pyd-bedrock-iter-stream-binary.i1.request.json");
    const thinking = request.messages[1].content[0].text;
    const out = convertMessages([
      { role: "system", content: "You are a helpful chatbot." },
      { role: "user", content: "What is the temperature of the capital of France?" },
      {
        role: "assistant",
        content: thinking,
        tool_calls: [{ id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", type: "function", function: { name: "get_temperature", arguments: '{"city": "Paris"}' } }],
      },
      { role: "tool", tool_call_id: "tooluse_lAG_zP8QRHmSYOwZzzaCqA", content: "30°C" },
    ]);
    // The SDK adds `status: "success"`, which is optional and has no OpenAI source.
    const expected = structuredClone(request.messages);
    delete expected[2].content[0].toolResult.status;
    expect(out.messages).toEqual(expected);
    expect(out.system).toEqual(request.system);
    expect(out.hasToolBlocks).toBe(true);
  });

  it("marks cache points in the system prompt and user content, as recorded (pyd-bedrock-cache-usage)", () => {
    const request = recorded("pyd-bedrock-cache-usage.i0.request.json");
    const [longUser, cache, question] = request.messages[0].content;
    expect(cache).toEqual({ cachePoint: { type: "default" } });
    const out = convertMessages([
      { role: "system", content: [{ type: "text", text: request.system[0].text, cache_control: { type: "ephemeral" } }] },
      {
        role: "user",
        content: [
          { type: "text", text: longUser.text, cache_control: { type: "ephemeral" } },
          { type: "text", text: question.text },
        ],
      },
    ]);
    expect(out.system).toEqual(request.system);
    expect(out.messages).toEqual(request.messages);
  });

  it("merges consecutive tool results, and a user message after them, into one user turn", () => {
    const out = convertMessages([
      { role: "user", content: "weather and time?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "a", type: "function", function: { name: "weather", arguments: "{}" } },
          { id: "b", type: "function", function: { name: "time", arguments: "" } },
        ],
      },
      { role: "tool", tool_call_id: "a", content: "sunny" },
      { role: "tool", tool_call_id: "b", content: [{ type: "text", text: "noon" }] },
      { role: "user", content: "thanks" },
    ]);
    expect(out.messages).toEqual([
      { role: "user", content: [{ text: "weather and time?" }] },
      {
        role: "assistant",
        content: [
          { toolUse: { toolUseId: "a", name: "weather", input: {} } },
          { toolUse: { toolUseId: "b", name: "time", input: {} } },
        ],
      },
      {
        role: "user",
        content: [{ toolResult: { toolUseId: "a", content: [{ text: "sunny" }] } }, { toolResult: { toolUseId: "b", content: [{ text: "noon" }] } }, { text: "thanks" }],
      },
    ]);
  });

  it("collects several system and developer messages in order", () => {
    const out = convertMessages([
      { role: "system", content: "one" },
      { role: "developer", content: [{ type: "text", text: "two" }] },
      { role: "user", content: "hi" },
    ]);
    expect(out.system).toEqual([{ text: "one" }, { text: "two" }]);
  });

  it("refuses tool arguments that are not JSON, naming where", () => {
    const err = failure([{ role: "assistant", tool_calls: [{ id: "x", type: "function", function: { name: "f", arguments: "{oops" } }] }]);
    expect(err).toMatchObject({ status: 400, param: "messages[0].tool_calls[0].function.arguments" });
  });

  it("refuses empty messages, unknown roles, tool messages without an id and images in system messages", () => {
    expect(failure([{ role: "user", content: "" }])).toMatchObject({ code: "empty_message", param: "messages[0].content" });
    expect(failure([{ role: "function", name: "f", content: "x" }])).toMatchObject({ code: "unsupported_role", param: "messages[0].role" });
    expect(failure([{ role: "tool", content: "x" }])).toMatchObject({ param: "messages[0].tool_call_id" });
    expect(failure([{ role: "system", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }]).code).toBe("unsupported_content");
    expect(failure(["hello"]).code).toBe("invalid_message");
  });
});
