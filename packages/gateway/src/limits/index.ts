export type {
  Amounts,
  CounterStatus,
  LimitCounter,
  LimitKind,
  LimitStore,
  LimitWindow,
  Reservation,
  ReservationEntry,
  ReserveResult,
} from "./types.js";
export { windowBounds } from "./window-bounds.js";
export { MemoryLimitStore } from "./memory-limit-store.js";
export { RedisLimitStore } from "./redis-limit-store.js";
export { rateLimitHeaders } from "./rate-limit-headers.js";
