export {
  DEFAULT_FALLBACK_ON,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  type FallbackCondition,
  isGroup,
  type LeafTarget,
  type RetrySettings,
  type Route,
  type RouteCache,
  RouteSchema,
  type RouteTarget,
  routeVirtualKeys,
  STRATEGIES,
  type Strategy,
  type TargetGroup,
  type TimeoutSettings,
} from "./route-schema.js";
export { parseRouteModel } from "./route-model.js";
export { RouteTable } from "./route-table.js";
export { parseTargetKey, type TargetIdentity, targetKey } from "./target-key.js";
export { type AttemptSettings, type SkipReason, type TargetEnvironment, targetKeysOf, type VirtualKeyView } from "./resolve-targets.js";
export { type AttemptPlan, type PlanContext, type PlannedAttempt, planAttempts, type SkippedTarget } from "./plan-attempts.js";
export { type AutoCandidate, type AutoPlan, autoCandidates, type AutoVirtualKey } from "./auto-candidates.js";
export { blendedPrice, blendedPriceOf, type PriceBook } from "./blended-price.js";
export { LatencyStats } from "./latency-stats.js";
export { seededRandom } from "./seeded-random.js";
export { type AttemptFailure, backoffDelay, decideRetry, type HeaderBag, isRetryable, type RetryDecision, retryHintMs, shouldFallback, shouldRetry } from "./retry-policy.js";
export { AttemptDeadlines, type Scheduler, TIMEOUT_CODES, timedChunks, type TimeoutKind, timeoutKindOfUndiciError, UpstreamTimeoutError } from "./timeouts.js";
export { type BreakerPermit, type BreakerSettings, type BreakerState, type BreakerStatus, type CircuitBreaker, DEFAULT_BREAKER } from "./breaker-types.js";
export { breakerSettings, MemoryCircuitBreaker } from "./circuit-breaker.js";
export { RedisCircuitBreaker } from "./redis-circuit-breaker.js";
export { presentTargetHealth, type TargetHealth, targetHealthRoutes } from "./target-health.js";
export { cacheKey, normaliseRequest } from "./cache-key.js";
export type { CacheCounters, CachedResponse, CacheHit, ResponseCache } from "./response-cache-types.js";
export { MemoryResponseCache } from "./response-cache.js";
export { RedisResponseCache } from "./redis-response-cache.js";
export { type BeginResult, idempotencyScope, type IdempotencyStore, type StoredResult } from "./idempotency-types.js";
export { MemoryIdempotencyStore } from "./idempotency.js";
export { RedisIdempotencyStore } from "./redis-idempotency.js";
