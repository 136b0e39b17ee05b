import { createHash } from "node:crypto";
import { invalidRequest } from "../lib/errors.js";
import type { Scheduler } from "./timeouts.js";

/** The first request's answer, replayed to every retry that carries the same key. */
export interface StoredResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type BeginResult =
  /** Nobody has run this request: the caller runs it, then calls complete() or fail() with the token. */
  | { state: "new"; token: string }
  /** Another request with this key is running; `wait` for it. */
  | { state: "in_flight" }
  | { state: "done"; result: StoredResult }
  /** The key was used before for a different request: refuse (422) rather than replay the wrong answer. */
  | { state: "mismatch" };

export interface IdempotencyStore {
  /** `fingerprint` identifies the request itself (e.g. its cache key), so a reused key is caught. */
  begin(key: string, fingerprint: string, now?: number): Promise<BeginResult>;
  /** Stores the answer; false when this caller no longer holds the key (its lease ran out). */
  complete(key: string, token: string, result: StoredResult, now?: number): Promise<boolean>;
  /** The request failed: forget it, so a retry runs it afresh. */
  fail(key: string, token: string): Promise<void>;
  /**
   * Waits while another request holds the key; answers as `begin` would once it is done or released (so
   * the waiter may become the one to run it), or `in_flight` when `timeoutMs` passes first.
   */
  wait(key: string, fingerprint: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<BeginResult>;
  close(): Promise<void>;
}

export interface IdempotencyOptions {
  /** How long a running request holds its key; after that a retry may run it again. */
  pendingTtlMs?: number;
  /** How long an answer is replayed. */
  resultTtlMs?: number;
  clock?: () => number;
  scheduler?: Scheduler;
}

export const DEFAULT_PENDING_TTL_MS = 5 * 60_000;
export const DEFAULT_RESULT_TTL_MS = 24 * 60 * 60_000;

const MAX_KEY_LENGTH = 255;

/**
 * The store key for a client's `Idempotency-Key`: scoped to its organisation and API key, so two
 * applications choosing the same key never see each other's answers. 400 for an unusable header.
 */
export function idempotencyScope(orgId: string, apiKeyId: string, header: string): string {
  if (header.length === 0 || header.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(header)) {
    throw invalidRequest(`Idempotency-Key must be 1-${MAX_KEY_LENGTH} visible ASCII characters.`, "invalid_idempotency_key");
  }
  return `${orgId}|${apiKeyId}|${createHash("sha256").update(header).digest("hex")}`;
}
