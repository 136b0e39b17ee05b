import type { EventEmitter } from "node:events";
import { Pool, type Dispatcher } from "undici";

/** Connecting to a provider takes well under this; a route's target may set its own bound. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

interface Origin {
  pool: Pool;
  /** Path prefix of the base URL, e.g. "/v1" or "/openai/v1"; "" for none. */
  prefix: string;
}

export interface UpstreamCall {
  baseUrl: string;
  /** Appended to the base URL's path, e.g. "/chat/completions". */
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
  method?: "POST" | "GET";
  /** Per-call bounds (ms): connecting (one pool per bound), waiting for the head, silence between body chunks. */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Emits "abort" to cancel the request (an EventEmitter or an AbortSignal). */
  signal: AbortSignal | EventEmitter;
}

/**
 * One undici Pool per upstream origin, reused across requests and virtual keys.
 * Pool.request costs a fraction of fetch's CPU per call (DESIGN §2).
 */
export class Upstreams {
  /** By base URL, so the per-request lookup is one map hit with no URL parsing. */
  private readonly origins = new Map<string, Origin>();
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly poolOptions: Pool.Options = {}) {}

  private originFor(baseUrl: string, connectTimeoutMs: number): Origin {
    const key = connectTimeoutMs === DEFAULT_CONNECT_TIMEOUT_MS ? baseUrl : `${connectTimeoutMs}\u0000${baseUrl}`;
    let origin = this.origins.get(key);
    if (!origin) {
      const url = new URL(baseUrl);
      const poolKey = `${connectTimeoutMs}\u0000${url.origin}`;
      let pool = this.pools.get(poolKey);
      if (!pool) {
        pool = new Pool(url.origin, { connections: 256, keepAliveTimeout: 30_000, connect: { timeout: connectTimeoutMs }, ...this.poolOptions });
        this.pools.set(poolKey, pool);
      }
      origin = { pool, prefix: url.pathname.replace(/\/+$/, "") };
      this.origins.set(key, origin);
    }
    return origin;
  }

  request(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
    const { pool, prefix } = this.originFor(call.baseUrl, call.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    return pool.request({
      method: call.method ?? "POST",
      path: prefix + call.path,
      headers: call.headers,
      body: call.body,
      signal: call.signal,
      ...(call.headersTimeoutMs === undefined ? {} : { headersTimeout: call.headersTimeoutMs }),
      ...(call.bodyTimeoutMs === undefined ? {} : { bodyTimeout: call.bodyTimeoutMs }),
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.origins.clear();
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => p.destroy())));
  }
}
