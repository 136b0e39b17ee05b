import { describe, expect, it } from "vitest";
import { chatRequestTexts, chatResponseTexts, compileGuard, redactChatRequest, redactChatResponse } from "./index.js";

const guard = compileGuard({ detectors: ["pack:pii-default", "pack:secrets-default"] });
const KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----";

const request = () => ({
  model: "@openai-prod/gpt-4o-mini",
  messages: [
    { role: "system", content: "You are helpful. Escalations go to ops@example.com." },
    {
      role: "user",
      content: [
        { type: "text", text: "My card is 4111 1111 1111 1111." },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
      ],
    },
    { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: JSON.stringify({ ip: "10.0.0.1", pem: KEY }) } }] },
    { role: "tool", tool_call_id: "c1", content: "owner: jane@example.org" },
    { role: "assistant", content: "Noted.", function_call: { name: "legacy", arguments: "not json, call 555-123-4567" } },
  ],
});

describe("chat request texts", () => {
  it("collect content strings, text parts and tool-call arguments of every message", () => {
    expect(chatRequestTexts(request())).toEqual([
      "You are helpful. Escalations go to ops@example.com.",
      "My card is 4111 1111 1111 1111.",
      "10.0.0.1",
      KEY,
      "owner: jane@example.org",
      "Noted.",
      "not json, call 555-123-4567",
    ]);
  });

  it("yield nothing for bodies that are not chat requests", () => {
    expect(chatRequestTexts(null)).toEqual([]);
    expect(chatRequestTexts({ messages: "hi" })).toEqual([]);
    expect(chatRequestTexts({ messages: [null, 3, { role: "user" }] })).toEqual([]);
  });

  it("redact a deep copy, leaving images and the original untouched", () => {
    const original = request();
    const before = structuredClone(original);
    const { body, counts } = redactChatRequest(original, guard);
    expect(original).toEqual(before);
    expect(counts).toEqual({ email: 2, payment_card: 1, ipv4: 1, private_key: 1, phone: 1 });
    const messages = body.messages as { content: unknown; tool_calls?: { function: { arguments: string } }[]; function_call?: { arguments: string } }[];
    expect(messages[0]!.content).toBe("You are helpful. Escalations go to [REDACTED:email].");
    expect(messages[1]!.content).toEqual([
      { type: "text", text: "My card is [REDACTED:payment_card]." },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ]);
    expect(JSON.parse(messages[2]!.tool_calls![0]!.function.arguments)).toEqual({ ip: "[REDACTED:ipv4]", pem: "[REDACTED:private_key]" });
    expect(messages[4]!.function_call!.arguments).toBe("not json, call [REDACTED:phone]");
  });

  it("leave tool-call arguments byte-for-byte alone when nothing in them is found", () => {
    const args = '{ "city" :  "Paris" }';
    const { body, counts } = redactChatRequest({ messages: [{ role: "assistant", tool_calls: [{ function: { name: "w", arguments: args } }] }] }, guard);
    expect(counts).toEqual({});
    expect((body.messages as { tool_calls: { function: { arguments: string } }[] }[])[0]!.tool_calls[0]!.function.arguments).toBe(args);
  });

  it("scan a 100 KB request with both packs", () => {
    const filler = "Please review the attached quarterly numbers, 42 items in total, before Friday. ";
    const messages = Array.from({ length: 10 }, (_, i) => ({ role: "user", content: `${filler.repeat(125)} contact user${i}@example.com` }));
    const texts = chatRequestTexts({ messages });
    expect(texts.join("").length).toBeGreaterThan(100_000);
    expect(texts.flatMap((t) => guard.scan(t)).map((f) => f.detector)).toEqual(Array(10).fill("email"));
  });
});

describe("chat response texts", () => {
  const response = () => ({
    id: "chatcmpl-1",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: "Your key is AKIAIOSFODNN7EXAMPLE.",
          reasoning_content: "The user pasted 123-45-6789.",
          tool_calls: [{ id: "t", type: "function", function: { name: "send", arguments: '{"to":"bob@example.com"}' } }],
        },
      },
      { index: 1, message: { role: "assistant", content: [{ type: "text", text: "fine" }], refusal: "I won't repeat 4111111111111111." } },
    ],
  });

  it("collect each choice's content, refusal, reasoning and tool-call arguments", () => {
    expect(chatResponseTexts(response())).toEqual([
      "Your key is AKIAIOSFODNN7EXAMPLE.",
      "The user pasted 123-45-6789.",
      "bob@example.com",
      "fine",
      "I won't repeat 4111111111111111.",
    ]);
    expect(chatResponseTexts({ choices: [{ message: null }] })).toEqual([]);
  });

  it("redact a deep copy and count what was replaced", () => {
    const original = response();
    const { body, counts } = redactChatResponse(original, guard);
    expect(counts).toEqual({ aws_access_key: 1, us_ssn: 1, email: 1, payment_card: 1 });
    const choices = body.choices as { message: Record<string, unknown> }[];
    expect(choices[0]!.message.content).toBe("Your key is [REDACTED:aws_access_key].");
    expect(choices[0]!.message.reasoning_content).toBe("The user pasted [REDACTED:us_ssn].");
    expect(choices[1]!.message.refusal).toBe("I won't repeat [REDACTED:payment_card].");
    expect(original.choices[0]!.message.content).toBe("Your key is AKIAIOSFODNN7EXAMPLE.");
  });
});
