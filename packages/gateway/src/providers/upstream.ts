import type { EventEmitter } from "node:events";
import { Pool, type Dispatcher } from "undici";

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

  private originFor(baseUrl: string): Origin {
    let origin = this.origins.get(baseUrl);
    if (!origin) {
      const url = new URL(baseUrl);
      let pool = this.pools.get(url.origin);
      if (!pool) {
        pool = new Pool(url.origin, { connections: 256, keepAliveTimeout: 30_000, connect: { timeout: 10_000 }, ...this.poolOptions });
        this.pools.set(url.origin, pool);
      }
      origin = { pool, prefix: url.pathname.replace(/\/+$/, "") };
      this.origins.set(baseUrl, origin);
    }
    return origin;
  }

  request(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
    const { pool, prefix } = this.originFor(call.baseUrl);
    return pool.request({ method: call.method ?? "POST", path: prefix + call.path, headers: call.headers, body: call.body, signal: call.signal });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.origins.clear();
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => p.destroy())));
  }
}
