import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { Igris } from "../client.js";
import { fakeFetch, json } from "../test-support/fake-fetch.js";
import { withIgris as withAnthropic } from "./anthropic.js";
import { withIgris as withGoogle } from "./google.js";
import { withIgris as withOpenAI } from "./openai.js";

const igris = new Igris({ apiKey: "igris_sk_app", baseUrl: "http://gw.test" });
const identity = { user: "alice", traceId: "t-7", metadata: { team: "search" } };
const completion = { id: "c", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }] };
const message = { id: "msg_1", type: "message", role: "assistant", model: "claude", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };

describe("the openai adapter", () => {
  it("re-points an existing client's later requests, its key and headers at the gateway", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, completion));
    const client = new OpenAI({ apiKey: "sk-real-openai", fetch, maxRetries: 0, defaultHeaders: { "X-Team-Header": "kept", "X-Igris-User": "stale" } });
    expect(withOpenAI(client, igris, "openai-prod", identity)).toBe(client);
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(sent[0]!.url).toBe("http://gw.test/llm/openai-prod/v1/chat/completions");
    expect(sent[0]!.headers).toMatchObject({
      authorization: "Bearer igris_sk_app",
      "x-igris-user": "alice",
      "x-igris-trace-id": "t-7",
      "x-igris-metadata-team": "search",
      "x-team-header": "kept",
    });
    expect(JSON.stringify(sent[0]!.headers)).not.toContain("sk-real-openai");
  });

  it("wins over a key function and carries over to withOptions() copies", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, completion));
    const client = new OpenAI({ apiKey: async () => "sk-from-function", fetch, maxRetries: 0 });
    withOpenAI(client, igris, "openai-prod");
    await client.withOptions({ timeout: 5000 }).chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    for (const req of sent) {
      expect(req.url).toBe("http://gw.test/llm/openai-prod/v1/chat/completions");
      expect(req.headers.authorization).toBe("Bearer igris_sk_app");
    }
  });
});

describe("the anthropic adapter", () => {
  it("re-points messages.create at <gateway>/llm/<slug>/v1/messages with the Igris key", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, message));
    const client = new Anthropic({ apiKey: "sk-ant-real", fetch, maxRetries: 0 });
    expect(withAnthropic(client, igris, "claude", identity)).toBe(client);
    await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    expect(sent[0]!.url).toBe("http://gw.test/llm/claude/v1/messages");
    expect(sent[0]!.headers).toMatchObject({ "x-api-key": "igris_sk_app", authorization: "Bearer igris_sk_app", "x-igris-user": "alice", "x-igris-metadata-team": "search" });
    expect(JSON.stringify(sent[0]!.headers)).not.toContain("sk-ant-real");
  });

  it("replaces an auth token and keeps the route in withOptions() copies", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, message));
    const client = new Anthropic({ authToken: "oauth-real", fetch, maxRetries: 0 });
    withAnthropic(client, igris, "claude");
    await client.withOptions({ timeout: 5000 }).messages.create({ model: "m", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    expect(sent[0]!.url).toBe("http://gw.test/llm/claude/v1/messages");
    expect(JSON.stringify(sent[0]!.headers)).not.toContain("oauth-real");
    expect(sent[0]!.headers["x-api-key"]).toBe("igris_sk_app");
  });
});

describe("a client the adapters cannot change", () => {
  it("is refused, not routed with its identity headers dropped", () => {
    const bare = { baseURL: "https://api.openai.com/v1", apiKey: "sk-real" };
    expect(() => withOpenAI(bare, igris, "openai-prod", identity)).toThrow(/connectLlm/);
    expect(() => withAnthropic(bare, igris, "claude")).toThrow(/connectLlm/);
    expect(bare).toEqual({ baseURL: "https://api.openai.com/v1", apiKey: "sk-real" });
  });
});

describe("the google adapter", () => {
  it("returns the connection and leaves the client alone", () => {
    const client = { apiKey: "AIza-real" };
    expect(withGoogle(client, igris, "gemini", identity)).toEqual(igris.connectLlm("gemini", identity));
    expect(client).toEqual({ apiKey: "AIza-real" });
  });
});
