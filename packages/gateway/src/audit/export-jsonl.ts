import { presentAuditRecord } from "../admin/audit.js";
import type { AuditRow } from "../store/index.js";
import type { ExportHead } from "./export-heads.js";
import type { ExportRow } from "./export-rows.js";

/**
 * Columns the JSONL line carries beyond the audit API's record: with the API's own fields
 * they cover every stored column. A column added to the schema fails to compile in
 * `everyColumnCovered` until it is placed in one or the other.
 */
const API_COLUMNS = [
  "id", "created_at", "api_key_id", "virtual_key", "provider", "endpoint", "requested_model", "upstream_model", "user_id",
  "trace_id", "metadata", "status_code", "outcome", "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens",
  "cost_micro_usd", "latency_ms", "ttft_ms", "streamed", "error_type", "error_message", "policy_action", "policy_rule_id",
  "policy_alerts", "guard_findings", "attempts", "cache_status", "cost_saved_micro_usd",
] as const satisfies readonly (keyof AuditRow)[];
const EXTRA_COLUMNS = [
  "org_id", "cache_write_tokens", "input_cost_micro_usd", "output_cost_micro_usd", "content_hash", "chain_id", "chain_seq", "prev_hash", "hash",
] as const satisfies readonly (keyof AuditRow)[];
type Uncovered = Exclude<keyof AuditRow, (typeof API_COLUMNS)[number] | (typeof EXTRA_COLUMNS)[number]>;
const everyColumnCovered: [Uncovered] extends [never] ? true : Uncovered = true;
void everyColumnCovered;

/**
 * One record per line, `type: "record"`, in the audit API's shape and names
 * (`GET /api/audit`), plus the organisation, the cost breakdown, cache-write tokens and
 * the chain fields. A record whose stored JSON fields no longer parse is still exported,
 * raw, flagged with `unparseable` — an export must not stop at the damage it is there to show.
 */
export function jsonlRecord(row: ExportRow): string {
  const content = row.content_record_id === null ? undefined : { record_id: row.content_record_id, org_id: row.org_id, prompt: row.content_prompt, completion: row.content_completion };
  let line: Record<string, unknown>;
  try {
    const api = presentAuditRecord(row, content);
    line = {
      type: "record",
      ...api,
      orgId: row.org_id,
      usage: { ...api.usage, cacheWriteTokens: row.cache_write_tokens },
      inputCostMicroUsd: row.input_cost_micro_usd,
      outputCostMicroUsd: row.output_cost_micro_usd,
      chain: { id: row.chain_id, seq: row.chain_seq, prevHash: row.prev_hash, hash: row.hash, contentHash: row.content_hash },
    };
  } catch (err) {
    const { content_record_id: _, content_prompt: prompt, content_completion: completion, ...stored } = row;
    line = { type: "record", id: row.id, unparseable: (err as Error).message, stored, ...(content ? { content: { prompt, completion } } : {}) };
  }
  return `${JSON.stringify(line)}\n`;
}

/** The last line: `{"type":"chain_heads","records":<n>,"heads":[{chainId,seq,hash,headSeq,headHash}…]}`. */
export function jsonlHeads(records: number, heads: ExportHead[]): string {
  return `${JSON.stringify({ type: "chain_heads", records, heads })}\n`;
}
