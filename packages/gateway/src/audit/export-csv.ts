import type { AuditRow } from "../store/index.js";
import type { ExportHead } from "./export-heads.js";
import type { ExportRow } from "./export-rows.js";

/** Every stored audit column, flat, under its database name; then the logged prompt and completion. */
const RECORD_COLUMNS = [
  "id", "org_id", "created_at", "api_key_id", "virtual_key", "provider", "endpoint", "requested_model", "upstream_model",
  "user_id", "trace_id", "metadata", "status_code", "outcome", "prompt_tokens", "completion_tokens", "cached_tokens",
  "cache_write_tokens", "reasoning_tokens", "cost_micro_usd", "input_cost_micro_usd", "output_cost_micro_usd", "latency_ms",
  "ttft_ms", "streamed", "error_type", "error_message", "policy_action", "policy_rule_id", "policy_alerts", "guard_findings",
  "content_hash", "chain_id", "chain_seq", "prev_hash", "hash", "attempts", "cache_status", "cost_saved_micro_usd",
] as const satisfies readonly (keyof AuditRow)[];

// A column added to the schema fails to compile here until the export carries it.
type Unexported = Exclude<keyof AuditRow, (typeof RECORD_COLUMNS)[number]>;
const everyColumnExported: [Unexported] extends [never] ? true : Unexported = true;
void everyColumnExported;

export const CSV_COLUMNS = [...RECORD_COLUMNS, "prompt", "completion"] as const;

/**
 * RFC 4180 quoting: a field holding a comma, quote, CR or LF is quoted with quotes doubled.
 * Null is an empty field and the empty string a quoted one (`""`), so the two stay apart.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (value === "" || /[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\n`;
}

/** One record as one CSV row; created_at as an ISO 8601 UTC time (millisecond-exact, so epoch ms round-trips). */
export function csvRecord(row: ExportRow): string {
  const fields = RECORD_COLUMNS.map((c) => (c === "created_at" ? new Date(row.created_at).toISOString() : row[c]));
  fields.push(row.content_prompt, row.content_completion);
  return `${fields.map(csvField).join(",")}\n`;
}

/**
 * The closing section: comment lines (`#` then a CSV row) after the records.
 *
 *     #chain_heads records=<records exported> chains=<chains listed below>
 *     #chain_id,seq,hash,head_seq,head_hash
 *     #<chain id>,<last exported seq>,<its hash>,<persisted head seq>,<persisted head hash>
 */
export function csvHeads(records: number, heads: ExportHead[]): string {
  const lines = [`#chain_heads records=${records} chains=${heads.length}`, "#chain_id,seq,hash,head_seq,head_hash"];
  for (const h of heads) lines.push(`#${[h.chainId, h.seq, h.hash, h.headSeq, h.headHash].map(csvField).join(",")}`);
  return `${lines.join("\n")}\n`;
}
