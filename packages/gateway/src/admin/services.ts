import type { Logger } from "pino";
import type { AuditWriter } from "../audit/writer.js";
import type { CircuitBreaker } from "../routing/breaker-types.js";
import type { LatencyStats } from "../routing/latency-stats.js";
import type { RotationService } from "../provider-keys/index.js";
import type { ActiveApiKey, Snapshot } from "../snapshot/snapshot.js";
import type { Store } from "../store/index.js";
import type { CredentialCipher } from "../vault/credential-cipher.js";

export interface AdminServices {
  store: Store;
  cipher: CredentialCipher;
  snapshot: Snapshot;
  audit: AuditWriter;
  log: Logger;
  /** Target health for `GET /api/health/targets`. */
  breaker: CircuitBreaker;
  latency: LatencyStats;
  /** Provider keys and their rotations, on the gateway's clock. */
  rotations?: RotationService;
}

/** Hono environment of the admin routes: the authenticated admin key rides on the context. */
export type AdminEnv = { Variables: { apiKey: ActiveApiKey } };
