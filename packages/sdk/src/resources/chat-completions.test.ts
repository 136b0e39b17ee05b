import { describe, expect, it } from "vitest";
import { Igris } from "../client.js";
import { IgrisAuthError, IgrisError } from "../errors.js";
import { fakeFetch, json, sse } from "../test-support/fake-fetch.js";
import { chatRequestBody } from "./chat-completions.js";

const messages = [{ role: "user", content: "hi" }];
const completion = { id: "c1", object: "chat.completion", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }] };

describe("chat.completions.create", () => {
  it("posts the request as given, extra fields included, and returns the answer", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, completion));
    const igris = new Igris({ apiKey: "igris_sk_1", baseUrl: "http://gw", fetch });
    const answer = await igris.chat.completions.create({ model: "@openai-prod/gpt-4o-mini", messages, temperature: 0, my_provider_flag: { a: 1 } });
    expect(answer).toEqual(completion);
    expect(sent[0]).toMatchObject({
      url: "http://gw/v1/chat/completions",
      method: "POST",
      headers: { authorization: "Bearer igris_sk_1", accept: "application/json" },
      body: { model: "@openai-prod/gpt-4o-mini", messages, temperature: 0, my_provider_flag: { a: 1 } },
    });
    expect(sent[0]!.body.stream_options).toBeUndefined();
  });

  it("sends `user` as X-Igris-User too, unless a header of the call sets it", async () => {
    const { fetch, sent } = fakeFetch(() => json(200, completion));
    const igris = new Igris({ apiKey: "k", baseUrl: "http://gw", fetch });
    await igris.chat.completions.create({ model: "gpt-4o-mini", messages, user: "alice" });
    await igris.chat.completions.create({ model: "gpt-4o-mini", messages, user: "alice" }, { headers: { "x-igris-user": "bob" } });
    expect(sent[0]!.headers["x-igris-user"]).toBe("alice");
    expect(sent[0]!.body.user).toBe("alice");
    expect(sent[1]!.headers["x-igris-user"]).toBe("bob");
  });

  it("streams chunks, asking for the usage chunk unless the caller decided", async () => {
    const chunk = (content: string) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, prompt_tokens_details: { cached_tokens: 0 } };
    const { fetch, sent } = fakeFetch(() => sse([chunk("Hi"), chunk(" there"), `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage })}\n\ndata: [DONE]\n\n`], { "x-igris-request-id": "req_s" }));
    const igris = new Igris({ apiKey: "k", baseUrl: "http://gw", fetch });
    const stream = await igris.chat.completions.create({ model: "@v/m", messages, stream: true, stream_options: { extra: 1 } });
    expect(stream.requestId).toBe("req_s");
    let text = "";
    let last;
    for await (const c of stream) {
      text += c.choices[0]?.delta.content ?? "";
      last = c;
    }
    expect(text).toBe("Hi there");
    expect(last!.usage).toEqual(usage);
    expect(sent[0]!.body.stream_options).toEqual({ extra: 1, include_usage: true });
    expect(sent[0]!.headers.accept).toBe("text/event-stream");
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it("keeps include_usage as the caller set it", () => {
    const off = chatRequestBody({ model: "m", messages, stream: true, stream_options: { include_usage: false } });
    expect(off.stream_options).toEqual({ include_usage: false });
    expect(chatRequestBody({ model: "m", messages, stream: true }).stream_options).toEqual({ include_usage: true });
    expect(chatRequestBody({ model: "m", messages, stream: false }).stream_options).toBeUndefined();
  });

  it("rejects before streaming when the gateway refuses the call", async () => {
    const { fetch } = fakeFetch(() => json(401, { error: { message: "Invalid or revoked API key.", type: "authentication_error", param: null, code: "invalid_api_key" } }));
    const igris = new Igris({ apiKey: "bad", baseUrl: "http://gw", fetch });
    await expect(igris.chat.completions.create({ model: "m", messages, stream: true })).rejects.toBeInstanceOf(IgrisAuthError);
  });

  it("passes the abort signal to fetch and rejects with an IgrisError when it fires", async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch, sent } = fakeFetch((req) => Promise.reject(req.signal!.reason));
    const igris = new Igris({ apiKey: "k", baseUrl: "http://gw", fetch });
    const err = await igris.chat.completions.create({ model: "m", messages }, { signal: controller.signal }).catch((e) => e);
    expect(sent[0]!.signal).toBe(controller.signal);
    expect(err).toBeInstanceOf(IgrisError);
    expect(err.code).toBe("aborted");
  });
});
