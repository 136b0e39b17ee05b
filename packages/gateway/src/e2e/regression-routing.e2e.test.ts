import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, createRoute, keyAt, mockKey, postChat } from "../testing/routing-support.js";
import { MemoryCircuitBreaker } from "../routing/circuit-breaker.js";

describe("routing paths", () => {
  let t: TestGateway;
  let apiKey: string;
  let audio: Server;
  let upstreamClosed = false;
  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("rev");
    await mockKey(t, "ok");
    await mockKey(t, "down-a", "status=503");
    await mockKey(t, "down-b", "status=503");
    await mockKey(t, "boom", "status=500");
    // An audio upstream that sends 64 MiB of audio.
    audio = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "audio/mpeg" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let n = 0;
      const pump = () => { while (n < 1024) { n++; if (!res.write(chunk)) return res.once("drain", pump); } res.end(); };
      res.on("close", () => { upstreamClosed = true; });
      pump();
    });
    await new Promise<void>((r) => audio.listen(0, "127.0.0.1", () => r()));
    await keyAt(t, "speech", `http://127.0.0.1:${(audio.address() as any).port}/v1`);
  });
  afterAll(async () => { audio?.closeAllConnections(); audio?.close(); await t?.close(); });

  it("audio relay: a client that leaves during backpressure ends the call, audited as aborted", async () => {
    const sock = connect((audio.address() as any) && { host: "127.0.0.1", port: t.gateway.port });
    const body = JSON.stringify({ model: "@speech/tts-1", input: "hello", voice: "alloy" });
    sock.write(`POST /v1/audio/speech HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${apiKey}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const head: string = await new Promise((r) => sock.once("data", (d) => r(String(d))));
    sock.pause(); // stop reading: the gateway's writes back up
    const id = /x-igris-request-id: (\S+)/i.exec(head)![1]!;
    await new Promise((r) => setTimeout(r, 1500));
    sock.destroy();
    await new Promise((r) => setTimeout(r, 1500));
    let rec: any = null;
    try { rec = await auditRecord(t, id, 3000); } catch (e) { rec = String(e); }
    expect(typeof rec).not.toBe("string");
  });

  it("retries leave no listener behind per backoff sleep", async () => {
    const warnings: string[] = [];
    const onWarn = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarn);
    await createRoute(t, { name: "flaky", strategy: "fallback", retry: { attempts: 10, baseMs: 1, maxMs: 2 },
      targets: [{ virtualKey: "down-a", model: "gpt-4o-mini" }, { virtualKey: "down-b", model: "gpt-4o-mini" }] });
    const r = await postChat(t, apiKey, { model: "@route:flaky", messages: ask("x") });
    await new Promise((r) => setTimeout(r, 50));
    process.off("warning", onWarn);
    expect(warnings.filter((w) => w.includes("MaxListeners"))).toEqual([]);
  });

  it("a route whose last target's breaker is open keeps the attempt log", async () => {
    await createRoute(t, { name: "half", strategy: "fallback", retry: { attempts: 0 },
      targets: [{ virtualKey: "boom", model: "gpt-4o-mini" }, { virtualKey: "ok", model: "gpt-4o-mini" }] });
    const orig = MemoryCircuitBreaker.prototype.acquire;
    MemoryCircuitBreaker.prototype.acquire = async function (key: string, now?: number) {
      if (key.includes("|ok|")) return { allowed: false, retryAt: Date.now() + 1000 };
      return orig.call(this, key, now);
    };
    try {
      const r = await postChat(t, apiKey, { model: "@route:half", messages: ask("x") });
      const rec = await auditRecord(t, r.headers.get("x-igris-request-id")!);
      expect(rec.attempts).not.toBeNull();
    } finally {
      MemoryCircuitBreaker.prototype.acquire = orig;
    }
  });

  it("a target whose request cannot be built (bad Bedrock credential) hands the call to the next target", async () => {
    const res = await t.admin("POST", "/api/virtual-keys", { slug: "bad-bedrock", provider: "bedrock", apiKey: '{"accessKeyId":"AKIAX"}', customBaseUrl: `${t.mock.url}` });
    if (res.status !== 201) return;
    await createRoute(t, { name: "bedrock-first", strategy: "fallback", targets: [{ virtualKey: "bad-bedrock", model: "amazon.nova-micro-v1:0" }, { virtualKey: "ok", model: "gpt-4o-mini" }] });
    const r = await postChat(t, apiKey, { model: "@route:bedrock-first", messages: ask("x") });
    const rec = await auditRecord(t, r.headers.get("x-igris-request-id")!);
    expect(r.status).toBe(200);
  });
});
