import { spawn } from "node:child_process";
import { connect, createServer, type Socket } from "node:net";
import OpenAI from "openai";
import type { TestGateway } from "./harness.js";

/** Shared by the routing, cache and idempotency end-to-end tests: mock-backed keys, routes and call counting. Plain code (no vitest), since src/ outside *.test.ts is compiled. */

/**
 * A virtual key on the test's mock with a credential of its own, so the mock's request log tells
 * which key each upstream call came through (`callsTo`).
 */
export async function mockKey(t: TestGateway, slug: string, directives?: string, provider = "openai"): Promise<string> {
  const apiKey = `sk-mock-${slug}`;
  await t.virtualKey(slug, { apiKey, provider, ...(directives ? { directives } : {}) });
  return apiKey;
}

/** The upstream calls the mock received through the virtual key made by `mockKey(t, slug)`. */
export function callsTo(t: TestGateway, slug: string) {
  return t.mock.requests.filter((r) => r.headers.authorization === `Bearer sk-mock-${slug}`);
}

/** Milliseconds between consecutive upstream calls through one key. */
export function gapsBetween(t: TestGateway, slug: string): number[] {
  const times = callsTo(t, slug).map((r) => r.receivedAt);
  return times.slice(1).map((at, i) => at - times[i]!);
}

/** A virtual key whose base URL is an arbitrary address (a closed port, a listener that never accepts). */
export async function keyAt(t: TestGateway, slug: string, baseUrl: string, provider = "openai"): Promise<void> {
  const res = await t.admin("POST", "/api/virtual-keys", { slug, provider, apiKey: `sk-mock-${slug}`, customBaseUrl: baseUrl });
  if (res.status !== 201) throw new Error(`virtual key ${slug}: ${res.status} ${res.text}`);
}

export async function createRoute(t: TestGateway, route: Record<string, unknown>, adminKey?: string): Promise<void> {
  const res = await t.admin("POST", "/api/routes", route, adminKey);
  if (res.status !== 201) throw new Error(`route ${String(route.name)}: ${res.status} ${res.text}`);
}

/** A port nothing listens on: bound once by us, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const ask = (content: string) => [{ role: "user" as const, content }];

/** A call that must fail with an API error; returns it for inspection. */
export async function apiError(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call;
  } catch (err) {
    if (err instanceof OpenAI.APIError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

/** The `x-igris-request-id` of a failed call made with the openai client. */
export const requestIdOf = (err: InstanceType<typeof OpenAI.APIError>) => err.headers?.get("x-igris-request-id") ?? "";

/** An attempt as the audit record lists it, without its latency. */
export const attemptsOf = (record: any) => (record.attempts as any[]).map(({ virtualKey, status, error }) => ({ virtualKey, status, error }));

/** POSTs a chat completion with fetch, for the tests where the exact request headers matter. */
export async function postChat(t: TestGateway, apiKey: string, body: Record<string, unknown>, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const res = await fetch(`${t.url}/v1/chat/completions`, {
    method: "POST",
    signal,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** The data payloads of a server-sent event stream, `[DONE]` kept as the string. */
export const sseData = (text: string) =>
  text
    .split("\n\n")
    .filter((e) => e.startsWith("data: "))
    .map((e) => e.slice(6))
    .map((d) => (d === "[DONE]" ? d : JSON.parse(d)));

/**
 * A port whose listener never accepts and whose accept queue is full: the kernel drops further SYNs,
 * so a connection attempt hangs until the caller's connect timeout. (Outbound "blackhole" addresses
 * are answered at once on this machine, so they cannot be used.) The listener is a child process
 * whose event loop is blocked right after listen(), so it never calls accept(); the queue is filled
 * by connecting until a connection no longer completes.
 */
export async function unacceptingPort(): Promise<{ port: number; close(): void }> {
  const script = `const s=require("node:net").createServer();s.listen({port:0,host:"127.0.0.1",backlog:1},()=>{require("node:fs").writeSync(1,s.address().port+"\\n");Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0);});`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (data) => resolve(Number(String(data).trim())));
  });
  const fillers: Socket[] = [];
  const close = () => {
    for (const socket of fillers) socket.destroy();
    child.kill();
  };
  for (;;) {
    const socket = connect({ host: "127.0.0.1", port });
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once("connect", () => (clearTimeout(timer), resolve(true)));
      socket.once("error", () => (clearTimeout(timer), resolve(false)));
    });
    if (!connected) {
      socket.destroy();
      break;
    }
    if (fillers.length > 16) {
      close();
      throw new Error("the listener keeps accepting connections: cannot make a connect timeout here");
    }
  }
  return { port, close };
}
