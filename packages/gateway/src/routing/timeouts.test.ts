import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayError } from "../lib/errors.js";
import { ManualClock } from "./manual-clock.js";
import { AttemptDeadlines, timedChunks, timeoutKindOfUndiciError, UpstreamTimeoutError } from "./timeouts.js";

const SETTINGS = { connectMs: 100, firstByteMs: 1_000, idleMs: 200, totalMs: 5_000 };

function deadlines(settings = SETTINGS) {
  const clock = new ManualClock();
  const d = new AttemptDeadlines(settings, { scheduler: clock, provider: "groq" });
  return { clock, d, reason: () => d.signal.reason as UpstreamTimeoutError };
}

describe("attempt deadlines", () => {
  it("time out the connection when no socket is had in time", () => {
    const { clock, d, reason } = deadlines();
    clock.advance(99);
    expect(d.signal.aborted).toBe(false);
    clock.advance(1);
    expect(d.signal.aborted).toBe(true);
    expect(reason()).toBeInstanceOf(UpstreamTimeoutError);
    expect(reason()).toBeInstanceOf(GatewayError);
    expect(reason()).toMatchObject({ kind: "connect", limitMs: 100, status: 504, code: "upstream_connect_timeout", message: "groq did not accept a connection within 100 ms." });
    expect(clock.pending).toBe(0);
  });

  it("wait for the first byte from the moment of connection, not from the start", () => {
    const { clock, d, reason } = deadlines();
    clock.advance(90);
    d.connected();
    clock.advance(999);
    expect(d.signal.aborted).toBe(false);
    clock.advance(1);
    expect(reason()).toMatchObject({ kind: "first_byte", code: "upstream_first_byte_timeout" });
  });

  it("run the first-byte deadline from the start when the caller cannot observe the connection", () => {
    const clock = new ManualClock();
    const d = new AttemptDeadlines(SETTINGS, { scheduler: clock, observeConnect: false });
    clock.advance(999);
    expect(d.signal.aborted).toBe(false);
    clock.advance(1);
    expect(d.signal.reason).toMatchObject({ kind: "first_byte" });
  });

  it("reset the idle timer on every chunk and fire when the stream stalls", () => {
    const { clock, d, reason } = deadlines();
    d.firstByte();
    for (let i = 0; i < 10; i++) {
      clock.advance(150);
      d.chunk();
    }
    expect(d.signal.aborted).toBe(false);
    clock.advance(200);
    expect(reason()).toMatchObject({ kind: "idle", code: "upstream_idle_timeout" });
  });

  it("bound the whole attempt even while chunks keep coming", () => {
    const { clock, d, reason } = deadlines();
    d.firstByte();
    for (let i = 0; i < 100 && !d.signal.aborted; i++) {
      clock.advance(100);
      d.chunk();
    }
    expect(reason()).toMatchObject({ kind: "total", limitMs: 5_000, code: "upstream_total_timeout" });
    expect(d.expired).toBe(reason());
  });

  it("stop every timer when the attempt finishes", () => {
    const { clock, d } = deadlines();
    d.firstByte();
    d.finish();
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(d.signal.aborted).toBe(false);
    expect(d.explain("other")).toBe("other");
  });

  it("follow the client's abort with the client's reason, not a timeout", () => {
    const client = new AbortController();
    const clock = new ManualClock();
    const d = new AttemptDeadlines(SETTINGS, { scheduler: clock, parent: client.signal });
    client.abort("client went away");
    expect(d.signal.reason).toBe("client went away");
    expect(d.expired).toBeNull();
    expect(clock.pending).toBe(0);
    const already = new AttemptDeadlines(SETTINGS, { scheduler: clock, parent: client.signal });
    expect(already.signal.aborted).toBe(true);
  });

  it("map undici's own timeout errors to the same kinds", () => {
    expect(timeoutKindOfUndiciError({ code: "UND_ERR_CONNECT_TIMEOUT" })).toBe("connect");
    expect(timeoutKindOfUndiciError({ code: "UND_ERR_HEADERS_TIMEOUT" })).toBe("first_byte");
    expect(timeoutKindOfUndiciError({ code: "UND_ERR_BODY_TIMEOUT" })).toBe("idle");
    expect(timeoutKindOfUndiciError(new Error("ECONNRESET"))).toBeNull();
    expect(timeoutKindOfUndiciError(null)).toBeNull();
  });
});

describe("attempt deadlines around a real undici request", () => {
  let server: Server;
  let pool: Pool;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/silent") return; // never answers
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      if (req.url === "/stall") return; // one chunk, then nothing
      res.end("data: two\n\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    await pool.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const real = { connectMs: 2_000, firstByteMs: 100, idleMs: 100, totalMs: 5_000 };

  it("rejects the request with the first-byte timeout itself", async () => {
    const d = new AttemptDeadlines(real);
    d.connected();
    const err = await pool.request({ method: "GET", path: "/silent", signal: d.signal }).catch((e: unknown) => d.explain(e));
    expect(err).toMatchObject({ kind: "first_byte", code: "upstream_first_byte_timeout" });
  });

  it("ends a stalled stream with the idle timeout after the chunks that did arrive", async () => {
    const d = new AttemptDeadlines(real);
    d.connected();
    const res = await pool.request({ method: "GET", path: "/stall", signal: d.signal });
    const received: string[] = [];
    const err = await (async () => {
      for await (const chunk of timedChunks(res.body, d)) received.push(String(chunk));
    })().catch((e: unknown) => e);
    expect(received.join("")).toBe("data: one\n\n");
    expect(err).toMatchObject({ kind: "idle", code: "upstream_idle_timeout" });
  });

  it("lets a prompt stream through and leaves no timer behind", async () => {
    const d = new AttemptDeadlines(real);
    const res = await pool.request({ method: "GET", path: "/", signal: d.signal });
    let text = "";
    for await (const chunk of timedChunks(res.body, d)) text += String(chunk);
    expect(text).toBe("data: one\n\ndata: two\n\n");
    expect(d.signal.aborted).toBe(false);
    expect(d.expired).toBeNull();
  });
});
