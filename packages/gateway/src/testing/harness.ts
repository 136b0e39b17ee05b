import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type MockProvider, startMockProvider } from "@igris/mock-providers";
import OpenAI from "openai";
import pino from "pino";
import { loadConfig, type GatewayConfig } from "../config.js";
import { type RunningGateway, startGateway } from "../gateway.js";

export const TEST_ADMIN_KEY = "igris_sk_test_admin_key_0123456789";

export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  mock: MockProvider;
  /** Every log line the gateway wrote, at debug level. */
  logs: string[];
  /** Calls the admin API; returns status, headers and parsed body. */
  admin(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  /** Creates a virtual key pointing at the mock upstream, with optional mock directives in its base URL. */
  virtualKey(slug: string, options?: { directives?: string; apiKey?: string; models?: string[]; provider?: string }): Promise<any>;
  /** A new gateway API key. */
  apiKey(name?: string): Promise<string>;
  client(apiKey: string, extra?: Partial<ConstructorParameters<typeof OpenAI>[0]>): OpenAI;
  close(): Promise<void>;
}

/** `options.clock` drives provider key rotations (see startGateway). */
export async function startTestGateway(overrides: Partial<GatewayConfig> = {}, options: { clock?: () => number } = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), "igris-e2e-"));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const config = loadConfig(
    {},
    { host: "127.0.0.1", port: 0, dataDir, adminKey: TEST_ADMIN_KEY, masterKey: randomBytes(32).toString("base64"), logLevel: "debug", auditFlushIntervalMs: 20, ...overrides },
  );
  const gateway = await startGateway(config, { logger: pino({ level: "debug" }, sink), ...options });
  const mock = await startMockProvider();
  const url = gateway.url;

  const admin: TestGateway["admin"] = async (method, path, body, key = TEST_ADMIN_KEY) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  return {
    gateway,
    url,
    mock,
    logs,
    admin,
    async virtualKey(slug, options = {}) {
      const base = options.directives ? `${mock.url}/_mock/${options.directives}/v1` : `${mock.url}/v1`;
      const res = await admin("POST", "/api/virtual-keys", {
        slug,
        provider: options.provider ?? "openai",
        apiKey: options.apiKey ?? `sk-test-${slug}-${randomBytes(8).toString("hex")}`,
        customBaseUrl: base,
        ...(options.models ? { models: options.models } : {}),
      });
      if (res.status !== 201) throw new Error(`virtual key ${slug}: ${res.status} ${res.text}`);
      return res.body;
    },
    async apiKey(name = "test") {
      const res = await admin("POST", "/api/keys", { name });
      if (res.status !== 201) throw new Error(`api key: ${res.status} ${res.text}`);
      return res.body.key as string;
    },
    client(apiKey, extra = {}) {
      return new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0, timeout: 10_000, ...extra });
    },
    async close() {
      await gateway.close();
      await mock.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls the audit API until a record for `requestId` is there (records are written in batches). */
export async function auditRecord(t: TestGateway, requestId: string, timeoutMs = 3000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.gateway.audit.flush();
    const page = await t.admin("GET", "/api/audit?limit=1000");
    const found = page.body?.data?.find((r: any) => r.id === requestId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no audit record for ${requestId}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
