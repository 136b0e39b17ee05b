import { createHash } from "node:crypto";
import type { AuditContentRow, NewAuditRow } from "../store/index.js";

/** The hash before a chain's first record. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The fields a record's hash covers, in a fixed order. Everything but the hash itself:
 * the chain id, position and previous hash are covered, so a record cannot be moved.
 */
export const HASHED_FIELDS = [
  "id", "org_id", "created_at", "api_key_id", "virtual_key", "provider", "endpoint", "requested_model", "upstream_model",
  "user_id", "trace_id", "metadata", "status_code", "outcome", "prompt_tokens", "completion_tokens", "cached_tokens",
  "cache_write_tokens", "reasoning_tokens", "cost_micro_usd", "input_cost_micro_usd", "output_cost_micro_usd", "latency_ms",
  "ttft_ms", "streamed", "error_type", "error_message", "policy_action", "policy_rule_id", "policy_alerts", "guard_findings",
  "content_hash", "chain_id", "chain_seq", "prev_hash",
] as const satisfies readonly (keyof NewAuditRow)[];

/**
 * Fields added after records were first chained. They join the canonical form only when a
 * record has one, so every record written before them keeps its hash; a later edit that
 * blanks them still changes the hash of a record that had them.
 */
export const LATER_HASHED_FIELDS = ["attempts", "cache_status", "cost_saved_micro_usd"] as const satisfies readonly (keyof NewAuditRow)[];

type Hashable = Partial<Record<(typeof HASHED_FIELDS)[number] | (typeof LATER_HASHED_FIELDS)[number], unknown>>;

/** Canonical form: a JSON array of the hashed fields in order, absent values as null. */
export function canonicalRecord(record: Hashable): string {
  const base = HASHED_FIELDS.map((f) => record[f] ?? null);
  const later = LATER_HASHED_FIELDS.map((f) => record[f] ?? null);
  return JSON.stringify(later.some((v) => v !== null) ? [...base, ...later] : base);
}

export function recordHash(record: Hashable): string {
  return createHash("sha256").update(canonicalRecord(record), "utf8").digest("hex");
}

export function contentHash(content: Pick<AuditContentRow, "prompt" | "completion">): string {
  return createHash("sha256").update(JSON.stringify([content.prompt, content.completion]), "utf8").digest("hex");
}

/** One writer's chain: links each record to the one before it, in the order written. */
export class AuditChain {
  private seq: number;
  private head: string;

  constructor(
    readonly chainId: string,
    start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
  ) {
    this.seq = start.seq;
    this.head = start.hash;
  }

  /** Fills the record's chain fields (and content hash) in place, and returns it. */
  link(record: NewAuditRow, content: AuditContentRow | null): NewAuditRow {
    record.content_hash = content ? contentHash(content) : null;
    record.chain_id = this.chainId;
    record.chain_seq = ++this.seq;
    record.prev_hash = this.head;
    record.hash = recordHash(record);
    this.head = record.hash;
    return record;
  }

  get headSeq(): number {
    return this.seq;
  }

  get headHash(): string {
    return this.head;
  }
}
