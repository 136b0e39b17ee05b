import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";

/**
 * The semantic cache end to end: a route whose cache embeds each prompt through an
 * embeddings virtual key and answers a prompt similar enough to a cached one from the
 * cache. The embeddings come from a small local server whose vectors the test chooses,
 * so similarity is known exactly: "capital of France" prompts point one way, jokes another.
 */
const VECTORS: Array<[RegExp, number[]]> = [
  [/What is the capital of France\?/, [1, 0, 0]],
  [/what's the capital city of france/i, [0.99, 0.14, 0]],
  [/joke/i, [0, 1, 0]],
];

describe("semantic response cache", () => {
  let t: TestGateway;
  let key: string;
  let embeddings: Server;
  let embedCalls = 0;
  let embedFails = false;

  const chat = (content: string) =>
    fetch(`${t.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-igris-trace-id": "semantic-test" },
      body: JSON.stringify({ model: "@route:faq/gpt-4o-mini", messages: [{ role: "user", content }] }),
    });
  const chatCalls = () => t.mock.requests.filter((r) => r.path.endsWith("/chat/completions")).length;

  beforeAll(async () => {
    embeddings = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        embedCalls++;
        if (embedFails) {
          res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "embedder down", type: "server_error" } }));
          return;
        }
        const input = String(JSON.parse(raw).input);
        const vector = VECTORS.find(([re]) => re.test(input))?.[1] ?? [0, 0, 1];
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding: vector }], model: "emb-model", usage: { prompt_tokens: 9, total_tokens: 9 } }));
      });
    });
    await new Promise<void>((resolve) => embeddings.listen(0, "127.0.0.1", () => resolve()));
    t = await startTestGateway();
    key = await t.apiKey("semantic");
    await t.virtualKey("chat-up");
    const port = (embeddings.address() as AddressInfo).port;
    expect((await t.admin("POST", "/api/virtual-keys", { slug: "emb", provider: "openai-compatible", apiKey: "emb-secret-key", customBaseUrl: `http://127.0.0.1:${port}/v1` })).status).toBe(201);
    const route = { name: "faq", strategy: "fallback", cache: { ttlSeconds: 60, semantic: { virtualKey: "emb", model: "emb-model", threshold: 0.95 } }, targets: [{ virtualKey: "chat-up" }] };
    const created = await t.admin("POST", "/api/routes", route);
    expect(created.status, created.text).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => embeddings?.close(resolve));
  });

  it("answers a similar prompt from the cache, and a different one from the provider", async () => {
    const first = await chat("What is the capital of France?");
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(chatCalls()).toBe(1);

    const similar = await chat("what's the capital city of france");
    expect(similar.status).toBe(200);
    expect(similar.headers.get("x-igris-cache")).toBe("semantic-hit");
    expect(Number(similar.headers.get("x-igris-cache-similarity"))).toBeGreaterThan(0.98);
    expect((await similar.json()).choices[0].message.content).toBe(answer.choices[0].message.content);
    expect(chatCalls()).toBe(1);
    const record = await auditRecord(t, similar.headers.get("x-igris-request-id")!);
    expect(record).toMatchObject({ outcome: "success", costMicroUsd: 0, cache: { status: "semantic_hit" } });

    const other = await chat("Tell me a joke");
    expect(other.headers.get("x-igris-cache")).toBeNull();
    expect(chatCalls()).toBe(2);
    expect(embedCalls).toBe(3);
  });

  it("audits each embedding call as its own call, tied to the client's trace", async () => {
    await t.gateway.audit.flush();
    const page = await t.admin("GET", "/api/audit?limit=100&virtualKey=emb");
    const records = page.body.data;
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records[0]).toMatchObject({ endpoint: "embeddings", virtualKey: "emb", traceId: "semantic-test", outcome: "success", usage: { promptTokens: 9 } });
    expect(records[0].metadata).toMatchObject({ igris_purpose: "semantic_cache" });
  });

  it("falls back to exact matching when the embeddings provider fails, and records that failure", async () => {
    embedFails = true;
    const before = chatCalls();
    const res = await chat("Another question about something new");
    expect(res.status).toBe(200);
    expect(chatCalls()).toBe(before + 1);
    await t.gateway.audit.flush();
    const failed = (await t.admin("GET", "/api/audit?limit=5&virtualKey=emb&status=failed")).body.data;
    expect(failed[0]).toMatchObject({ error: { type: "semantic_embedding_failed" } });
    expect(JSON.stringify(failed[0])).not.toContain("emb-secret-key");
    embedFails = false;
  });

  it("refuses a route whose semantic cache names an unknown embeddings key", async () => {
    const res = await t.admin("POST", "/api/routes", { name: "bad", strategy: "fallback", cache: { ttlSeconds: 60, semantic: { virtualKey: "nope", model: "m" } }, targets: [{ virtualKey: "chat-up" }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ param: "cache.semantic.virtualKey" });
  });
});
