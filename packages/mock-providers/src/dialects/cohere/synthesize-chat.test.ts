import { describe, expect, it } from "vitest";
import { synthesizeCohereChat, synthesizeCohereChatStream } from "./synthesize-chat.js";

const request = { messages: [{ role: "user", content: [{ type: "text", text: "Hola" }] }] };

describe("Cohere chat", () => {
  it("answers with billed units and tokens", () => {
    const answer = synthesizeCohereChat(request, "id-1");
    expect(answer).toMatchObject({ id: "id-1", finish_reason: "COMPLETE", message: { role: "assistant" } });
    expect(answer.usage.billed_units).toEqual(answer.usage.tokens);
    expect(synthesizeCohereChat({ ...request, max_tokens: 1 }).finish_reason).toBe("MAX_TOKENS");
  });

  it("streams the v2 event sequence carrying the same text and usage", () => {
    const events = synthesizeCohereChatStream(request, "id-1");
    expect(events[0]).toMatchObject({ id: "id-1", type: "message-start" });
    const text = events.filter((e) => e.type === "content-delta").map((e) => (e.delta as { message: { content: { text: string } } }).message.content.text).join("");
    const answer = synthesizeCohereChat(request, "id-1");
    expect(text).toBe(answer.message.content[0]!.text);
    expect(events.at(-1)).toEqual({ type: "message-end", delta: { finish_reason: "COMPLETE", usage: answer.usage } });
  });
});
