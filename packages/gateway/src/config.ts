import { resolve } from "node:path";
import { type AuditDurability, parseAuditDurability } from "./audit/durability.js";

/** Everything the gateway reads from its environment, read in one place. */
export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl: string | undefined;
  adminKey: string | undefined;
  masterKey: string | undefined;
  logLevel: string;
  /** How long SIGTERM waits for in-flight requests before closing them. */
  shutdownTimeoutMs: number;
  auditFlushIntervalMs: number;
  auditBatchSize: number;
  /** batch: a call's record is kept once queued; sync: writeDurable() waits until it is committed (or spooled). */
  auditDurability: AuditDurability;
  /** How long shutdown keeps offering audit records to the database before spooling the rest. */
  auditDrainTimeoutMs: number;
  /** Start the built-in demo upstream and its `demo` virtual key. */
  demo: boolean;
  /** redis://… shares limit counters between gateway instances; unset keeps them in memory. */
  redisUrl: string | undefined;
  /** Output tokens a limit reservation assumes when a request sets no max_tokens. */
  defaultMaxTokens: number;
  /** The in-memory response cache's bound on stored answers, bytes (Redis is bounded by its maxmemory). */
  cacheMaxBytes: number;
  /** Circuit breakers of route targets: window, minimum calls, failure rate that opens, cool-down before probing. */
  breaker: { windowMs: number; minRequests: number; failureRate: number; coolDownMs: number };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  const base: GatewayConfig = {
    host: env.IGRIS_HOST || "127.0.0.1",
    port: intFrom(env, "IGRIS_PORT", 8787),
    dataDir: resolve(env.IGRIS_DATA_DIR || ".igris"),
    databaseUrl: env.IGRIS_DATABASE_URL || undefined,
    adminKey: env.IGRIS_ADMIN_KEY || undefined,
    masterKey: env.IGRIS_MASTER_KEY || undefined,
    logLevel: env.IGRIS_LOG_LEVEL || "info",
    shutdownTimeoutMs: intFrom(env, "IGRIS_SHUTDOWN_TIMEOUT_MS", 10_000),
    auditFlushIntervalMs: intFrom(env, "IGRIS_AUDIT_FLUSH_MS", 200),
    auditBatchSize: intFrom(env, "IGRIS_AUDIT_BATCH_SIZE", 500),
    auditDurability: parseAuditDurability(env.IGRIS_AUDIT_DURABILITY),
    auditDrainTimeoutMs: intFrom(env, "IGRIS_AUDIT_DRAIN_MS", 5000),
    demo: env.IGRIS_DEMO !== "0" && env.IGRIS_DEMO !== "false",
    redisUrl: env.IGRIS_REDIS_URL || undefined,
    defaultMaxTokens: intFrom(env, "IGRIS_DEFAULT_MAX_TOKENS", 4096),
    cacheMaxBytes: intFrom(env, "IGRIS_CACHE_MAX_BYTES", 64 * 1024 * 1024),
    breaker: {
      windowMs: intFrom(env, "IGRIS_BREAKER_WINDOW_MS", 60_000),
      minRequests: intFrom(env, "IGRIS_BREAKER_MIN_REQUESTS", 10),
      failureRate: intFrom(env, "IGRIS_BREAKER_FAILURE_PERCENT", 50) / 100,
      coolDownMs: intFrom(env, "IGRIS_BREAKER_COOLDOWN_MS", 30_000),
    },
  };
  return { ...base, ...overrides };
}
