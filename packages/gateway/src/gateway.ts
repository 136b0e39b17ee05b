import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { type MockProvider, startMockProvider } from "@igris/mock-providers";
import { Redis } from "ioredis";
import pino, { type Logger } from "pino";
import { adminApp } from "./admin/app.js";
import type { AdminServices } from "./admin/services.js";
import { closeQueryRunner } from "./audit/query-runner.js";
import { AuditWriter } from "./audit/writer.js";
import type { GatewayConfig } from "./config.js";
import { ensureAdminKey } from "./keys/bootstrap.js";
import { type LimitStore, MemoryLimitStore, RedisLimitStore } from "./limits/index.js";
import { matchCall } from "./pipeline/data-plane-routes.js";
import { RotationService, RotationTracker } from "./provider-keys/index.js";
import { type DataPlane, handleCall } from "./pipeline/handle-call.js";
import type { CircuitBreaker } from "./routing/breaker-types.js";
import { MemoryCircuitBreaker } from "./routing/circuit-breaker.js";
import { LatencyStats } from "./routing/latency-stats.js";
import { RedisCircuitBreaker } from "./routing/redis-circuit-breaker.js";
import type { IdempotencyStore } from "./routing/idempotency-types.js";
import { MemoryIdempotencyStore } from "./routing/idempotency.js";
import { RedisIdempotencyStore } from "./routing/redis-idempotency.js";
import type { ResponseCache } from "./routing/response-cache-types.js";
import { MemoryResponseCache } from "./routing/response-cache.js";
import { RedisResponseCache } from "./routing/redis-response-cache.js";
import { RedisSemanticIndex } from "./routing/redis-semantic-index.js";
import { MemorySemanticIndex, type SemanticIndex } from "./routing/semantic-index.js";
import { Upstreams } from "./providers/upstream.js";
import { Snapshot } from "./snapshot/snapshot.js";
import { Store } from "./store/index.js";
import { ensureDemoVirtualKey } from "./vault/demo-key.js";
import { CredentialCipher } from "./vault/credential-cipher.js";
import { loadMasterKey } from "./vault/master-key.js";

export const DEFAULT_ORG_ID = "org_default";
/** How often provider key rotations whose grace period has ended are settled (reads settle them too). */
const ROTATION_SWEEP_MS = 10_000;

export interface RunningGateway {
  url: string;
  port: number;
  /** The admin key generated on this start, to be shown once; null if it existed or came from the environment. */
  generatedAdminKey: string | null;
  store: Store;
  log: Logger;
  audit: AuditWriter;
  /** What the data plane holds in memory (virtual keys with their credentials opened). */
  snapshot: Snapshot;
  /** Where the data plane reports provider key outcomes. */
  rotations: RotationTracker;
  /** Stops accepting, lets in-flight calls finish (bounded), flushes the audit trail, closes everything. */
  close(): Promise<void>;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "igris-gateway" },
    // Belt and braces: nothing should log these, but if something does, they are masked.
    redact: { paths: ["*.authorization", "*.apiKey", "*.credential", "*.key", "headers.authorization"], censor: "[redacted]" },
  });
}

/** `clock` (epoch ms) drives provider key rotations, so tests can end a grace period without waiting for it. */
export async function startGateway(config: GatewayConfig, options: { logger?: Logger; clock?: () => number } = {}): Promise<RunningGateway> {
  const log = options.logger ?? createLogger(config.logLevel);
  const store = await Store.open(config);
  const cipher = new CredentialCipher(loadMasterKey(config.masterKey, config.dataDir));
  const { created: firstStart } = await store.ensureOrganisation(DEFAULT_ORG_ID, "Default organisation", Date.now());
  const generatedAdminKey = await ensureAdminKey(store, DEFAULT_ORG_ID, config.adminKey);

  const baseUrlOverrides = new Map<string, string>();
  let demo: MockProvider | null = null;
  if (config.demo) {
    demo = await startMockProvider({ host: "127.0.0.1", port: 0, demo: true });
    baseUrlOverrides.set("demo", `${demo.url}/v1`);
    if (firstStart) await ensureDemoVirtualKey(store, cipher, DEFAULT_ORG_ID);
  }

  const snapshot = new Snapshot(store, cipher, baseUrlOverrides, log);
  await snapshot.reload();
  const clock = options.clock ?? Date.now;
  const rotationService = new RotationService({ store, cipher, log, clock, onSettled: () => snapshot.reload() });
  const rotations = new RotationTracker(store, clock, log);
  // Grace periods that ended while the gateway was down are settled before it serves.
  await rotationService.settle();
  rotationService.startSweep(ROTATION_SWEEP_MS);
  // Other instances may change keys in a shared PostgreSQL; pick their changes up.
  const refresher = store.dialect === "postgres" ? setInterval(() => void snapshot.reload().catch(() => {}), 5000).unref() : null;

  const audit = new AuditWriter(
    store,
    {
      flushIntervalMs: config.auditFlushIntervalMs,
      batchSize: config.auditBatchSize,
      spoolDir: join(config.dataDir, "audit-spool"),
      durability: config.auditDurability,
    },
    log,
  );
  const upstreams = new Upstreams();
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
  const limits: LimitStore = redis ? new RedisLimitStore(redis) : new MemoryLimitStore();
  const breaker: CircuitBreaker = redis ? new RedisCircuitBreaker(redis, { settings: config.breaker }) : new MemoryCircuitBreaker({ settings: config.breaker });
  const latency = new LatencyStats();
  const cache: ResponseCache = redis ? new RedisResponseCache(redis) : new MemoryResponseCache({ maxBytes: config.cacheMaxBytes });
  const idempotency: IdempotencyStore = redis ? new RedisIdempotencyStore(redis) : new MemoryIdempotencyStore();
  const semanticIndex: SemanticIndex = redis ? new RedisSemanticIndex(redis) : new MemorySemanticIndex();
  const plane: DataPlane = { snapshot, upstreams, audit, limits, log, defaultOrgId: DEFAULT_ORG_ID, defaultMaxTokens: config.defaultMaxTokens, breaker, latency, random: Math.random, cache, idempotency, semanticIndex, rotations };
  const services: AdminServices = { store, cipher, snapshot, audit, log, breaker, latency, rotations: rotationService };
  const control = getRequestListener(adminApp(services, () => health(store, audit)).fetch);

  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    route(plane, control, req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  log.info({ url: `http://${host}:${port}`, database: store.dialect }, "igris gateway listening");

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await drainServer(server, config.shutdownTimeoutMs, () => inFlight);
      if (refresher) clearInterval(refresher);
      await rotationService.stopSweep();
      await rotations.flush();
      await audit.close(config.auditDrainTimeoutMs);
      await limits.close();
      await breaker.close();
      await cache.close();
      await idempotency.close();
      await semanticIndex.close();
      redis?.disconnect();
      await upstreams.close();
      await demo?.close();
      await closeQueryRunner(store);
      await store.close();
      log.info("igris gateway stopped");
    })());

  return { url: `http://${host}:${port}`, port, generatedAdminKey, store, log, audit, snapshot, rotations, close };
}

function route(plane: DataPlane, control: (req: IncomingMessage, res: ServerResponse) => unknown, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const spec = matchCall(req.method, q < 0 ? url : url.slice(0, q), q < 0 ? "" : url.slice(q + 1));
  if (spec) {
    handleCall(plane, req, res, spec).catch((err: unknown) => {
      plane.log.error({ err: (err as Error).message }, "data-plane handler failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  void control(req, res);
}

async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Connection trouble is reported by the calls that need Redis; it must not crash the process.
  redis.on("error", (err) => log.warn({ err: err.message }, "redis connection error"));
  await redis.connect();
  return redis;
}

async function health(store: Store, audit: AuditWriter): Promise<{ status: number; body: unknown }> {
  let database: { dialect: string; status: "up" | "down"; error?: string };
  try {
    await store.ping();
    database = { dialect: store.dialect, status: "up" };
  } catch (err) {
    database = { dialect: store.dialect, status: "down", error: (err as Error).message };
  }
  const ok = database.status === "up";
  return {
    status: ok ? 200 : 503,
    body: {
      status: ok ? "ok" : "unavailable",
      database,
      audit: { pending: audit.pending, spooled: audit.spooled, failedFlushes: audit.failures, lastError: audit.lastError, durability: audit.durability },
    },
  };
}

/**
 * Stops accepting; waits for in-flight requests up to `timeoutMs`, then cuts what is left.
 * Once no request is in flight every connection is closed, including sockets a client
 * opened ahead of time that Node does not count as idle.
 */
async function drainServer(server: Server, timeoutMs: number, inFlight: () => number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => (inFlight() === 0 ? server.closeAllConnections() : server.closeIdleConnections()), 50);
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
  const result = await Promise.race([closed.then(() => "closed" as const), timer]);
  clearInterval(idle);
  if (result === "timeout") {
    server.closeAllConnections();
    await closed;
  }
}
