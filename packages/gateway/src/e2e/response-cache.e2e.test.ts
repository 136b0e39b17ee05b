import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey, newApiKeyRow } from "../keys/api-key.js";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, callsTo, createRoute, mockKey, postChat, sseData } from "../testing/routing-support.js";

/** gpt-4o-mini has a catalogue price, so a stored answer knows what a hit saves. */
const MODEL = "@route:cached/gpt-4o-mini";

describe("the response cache of a route", () => {
  let t: TestGateway;
  let apiKey: string;
  let openai: OpenAI;
  const calls = () => callsTo(t, "cache-upstream").length;

  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("cache");
    openai = t.client(apiKey);
    await mockKey(t, "cache-upstream");
    await createRoute(t, { name: "cached", strategy: "fallback", cache: { ttlSeconds: 600 }, targets: [{ virtualKey: "cache-upstream" }] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("caches a virtual key's own answers when the key sets cacheTtlSeconds, and stops when it is cleared", async () => {
    await mockKey(t, "vk-cached");
    const set = await t.admin("PATCH", "/api/virtual-keys/vk-cached", { cacheTtlSeconds: 300 });
    expect(set.status, set.text).toBe(200);
    expect(set.body.cacheTtlSeconds).toBe(300);
    const body = { model: "@vk-cached/gpt-4o-mini", messages: ask("A question for the key's own cache") };
    await postChat(t, apiKey, body);
    const again = await postChat(t, apiKey, body);
    expect(again.headers.get("x-igris-cache")).toBe("hit");
    expect(callsTo(t, "vk-cached").length).toBe(1);

    expect((await t.admin("PATCH", "/api/virtual-keys/vk-cached", { cacheTtlSeconds: null })).body.cacheTtlSeconds).toBeNull();
    const uncached = await postChat(t, apiKey, body);
    expect(uncached.headers.get("x-igris-cache")).toBeNull();
    expect(callsTo(t, "vk-cached").length).toBe(2);
    expect((await t.admin("PATCH", "/api/virtual-keys/vk-cached", { cacheTtlSeconds: 0 })).status).toBe(422);
  });

  it("answers an identical second call from the cache, at no cost, reporting what it saved", async () => {
    const question = ask("What is the capital of France? Answer at some length, please.");
    const first = await openai.chat.completions.create({ model: MODEL, messages: question }).withResponse();
    expect(calls()).toBe(1);
    const firstRecord = await auditRecord(t, first.response.headers.get("x-igris-request-id")!);
    expect(firstRecord.cache).toEqual({ status: "miss", savedMicroUsd: null });
    expect(firstRecord.costMicroUsd).toBeGreaterThan(0);

    const second = await openai.chat.completions.create({ model: MODEL, messages: question }).withResponse();
    expect(calls()).toBe(1);
    expect(second.response.headers.get("x-igris-cache")).toBe("hit");
    expect(second.response.headers.get("x-igris-cost-usd")).toBe("0.000000");
    expect(second.data.id).toBe(first.data.id);
    expect(second.data.choices).toEqual(first.data.choices);
    const record = await auditRecord(t, second.response.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ status: 200, outcome: "success", costMicroUsd: 0, cache: { status: "hit", savedMicroUsd: firstRecord.costMicroUsd } });
  });

  it("serves a streamed request from the stored JSON as chunks: role, text in pieces, finish, usage, [DONE]", async () => {
    const messages = ask("Describe the sea in a few sentences, for the stream test.");
    const stored = await openai.chat.completions.create({ model: MODEL, messages });
    const before = calls();

    const res = await postChat(t, apiKey, { model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
    expect(calls()).toBe(before);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("x-igris-cache")).toBe("hit");
    const events = sseData(res.text);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1) as any[];
    expect(chunks[0].choices[0].delta).toMatchObject({ role: "assistant" });
    const deltas = chunks.filter((c) => c.choices[0]?.delta.content).map((c) => c.choices[0].delta.content);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(stored.choices[0]!.message.content);
    const finish = chunks.findIndex((c) => c.choices[0]?.finish_reason === "stop");
    expect(finish).toBe(chunks.length - 2);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: stored.usage });

    // The official client reads the same stream; without include_usage there is no usage chunk.
    const stream = await openai.chat.completions.create({ model: MODEL, messages, stream: true });
    const parts: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) parts.push(chunk);
    expect(parts.map((p) => p.choices[0]?.delta.content ?? "").join("")).toBe(stored.choices[0]!.message.content);
    expect(parts.every((p) => p.choices.length === 1)).toBe(true);
    expect(calls()).toBe(before);
  });

  it("skips the lookup for Cache-Control: no-cache but stores the fresh answer", async () => {
    const body = { model: MODEL, messages: ask("no-cache question") };
    await postChat(t, apiKey, body);
    const before = calls();
    const fresh = await postChat(t, apiKey, body, { "cache-control": "no-cache" });
    expect(calls()).toBe(before + 1);
    expect(fresh.headers.get("x-igris-cache")).toBeNull();
    expect((await auditRecord(t, fresh.headers.get("x-igris-request-id")!)).cache).toEqual({ status: "bypass", savedMicroUsd: null });
    // The fresh answer replaced the stored one.
    const hit = await postChat(t, apiKey, body);
    expect(calls()).toBe(before + 1);
    expect(hit.json().id).toBe(fresh.json().id);
  });

  it("neither reads nor writes the cache for Cache-Control: no-store", async () => {
    const body = { model: MODEL, messages: ask("no-store question") };
    const before = calls();
    const first = await postChat(t, apiKey, body, { "cache-control": "no-store" });
    expect((await auditRecord(t, first.headers.get("x-igris-request-id")!)).cache).toBeNull();
    await postChat(t, apiKey, body);
    expect(calls()).toBe(before + 2);
    // Now stored by the plain call: no-store still does not read it.
    await postChat(t, apiKey, body, { "cache-control": "no-store" });
    expect(calls()).toBe(before + 3);
  });

  it("misses for other sampling parameters but not for a default value spelled out", async () => {
    const messages = ask("parameters question");
    await openai.chat.completions.create({ model: MODEL, messages });
    const before = calls();
    await openai.chat.completions.create({ model: MODEL, messages, temperature: 0.2 });
    expect(calls()).toBe(before + 1);
    const same = await openai.chat.completions.create({ model: MODEL, messages, temperature: 1, user: "someone-else" }).withResponse();
    expect(same.response.headers.get("x-igris-cache")).toBe("hit");
    expect(calls()).toBe(before + 1);
  });

  it("never answers one organisation from another's cache", async () => {
    const body = { model: MODEL, messages: ask("organisation question") };
    await postChat(t, apiKey, body);
    const before = calls();

    const otherAdmin = generateApiKey();
    await t.gateway.store.ensureOrganisation("org_other", "Other organisation", Date.now());
    await t.gateway.store.apiKeys.insert(newApiKeyRow("org_other", "admin", "admin", otherAdmin));
    await t.gateway.snapshot.reload();
    const vk = await t.admin("POST", "/api/virtual-keys", { slug: "cache-upstream", provider: "openai", apiKey: "sk-mock-cache-upstream", customBaseUrl: `${t.mock.url}/v1` }, otherAdmin);
    expect(vk.status, vk.text).toBe(201);
    await createRoute(t, { name: "cached", strategy: "fallback", cache: { ttlSeconds: 600 }, targets: [{ virtualKey: "cache-upstream" }] }, otherAdmin);
    const otherKey = (await t.admin("POST", "/api/keys", { name: "other" }, otherAdmin)).body.key as string;

    const other = await postChat(t, otherKey, body);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-igris-cache")).toBeNull();
    expect(calls()).toBe(before + 1);
  });
});

describe("the in-memory response cache's byte bound", () => {
  let t: TestGateway;
  let openai: OpenAI;

  beforeAll(async () => {
    // Room for two stored answers of about 1 KB each (body, key and bookkeeping), not three.
    t = await startTestGateway({ cacheMaxBytes: 2500 });
    openai = t.client(await t.apiKey("bound"));
    await mockKey(t, "bounded");
    await createRoute(t, { name: "small", strategy: "fallback", cache: { ttlSeconds: 600 }, targets: [{ virtualKey: "bounded" }] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("evicts the least recently used answer once the total passes cacheMaxBytes", async () => {
    const call = (n: number) => openai.chat.completions.create({ model: "@route:small/gpt-4o-mini", messages: ask(`question number ${n}`) }).withResponse();
    const calls = () => callsTo(t, "bounded").length;
    for (const n of [1, 2]) await call(n);
    expect((await call(2)).response.headers.get("x-igris-cache")).toBe("hit");
    expect((await call(1)).response.headers.get("x-igris-cache")).toBe("hit");
    expect(calls()).toBe(2);
    // 1 was used last, so storing 3 evicts 2.
    await call(3);
    expect(calls()).toBe(3);
    expect((await call(2)).response.headers.get("x-igris-cache")).toBeNull();
    expect(calls()).toBe(4);
    expect((await call(3)).response.headers.get("x-igris-cache")).toBe("hit");
  });
});
