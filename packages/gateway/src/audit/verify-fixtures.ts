import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "../lib/ids.js";
import type { AuditContentRow, NewAuditRow } from "../store/index.js";
import { Store } from "../store/index.js";
import { createScratchDatabase } from "../testing/postgres.js";
import { AuditChain } from "./chain.js";

/** Test support for the verifier, export and CLI tests: real chains, stored the way the writer stores them. */

export function auditRow(i: number, createdAt: number, overrides: Partial<NewAuditRow> = {}): NewAuditRow {
  return {
    id: newId("req", createdAt),
    org_id: "org_default",
    created_at: createdAt,
    api_key_id: "key_1",
    virtual_key: "demo",
    provider: "demo",
    endpoint: "chat.completions",
    requested_model: "gpt-4o-mini",
    upstream_model: "gpt-4o-mini",
    user_id: `user-${i}`,
    trace_id: null,
    metadata: JSON.stringify({ team: "search" }),
    status_code: 200,
    outcome: "success",
    prompt_tokens: 10 + i,
    completion_tokens: 5,
    cached_tokens: 0,
    cache_write_tokens: null,
    reasoning_tokens: 0,
    cost_micro_usd: 1500 + i,
    input_cost_micro_usd: 1000 + i,
    output_cost_micro_usd: 500,
    latency_ms: 12,
    ttft_ms: null,
    streamed: 0,
    error_type: null,
    error_message: null,
    policy_action: "allow",
    policy_rule_id: null,
    policy_alerts: null,
    guard_findings: null,
    ...overrides,
  };
}

export interface WrittenChain {
  chainId: string;
  records: NewAuditRow[];
}

/**
 * Links `count` records into a new chain and stores them in batches through the store's
 * insert (records, contents and head in one transaction each). `contentEvery` keeps the
 * prompt and completion of every n-th record; `row` customises each record.
 */
export async function writeChain(
  store: Store,
  count: number,
  options: { batch?: number; contentEvery?: number; startMs?: number; row?: (i: number) => Partial<NewAuditRow> } = {},
): Promise<WrittenChain> {
  const start = options.startMs ?? Date.now();
  // Chain ids are time-ordered from the first record's time, so chains written with increasing startMs verify in that order.
  const chain = new AuditChain(newId("chain", start));
  const batch = options.batch ?? 250;
  const records: NewAuditRow[] = [];
  for (let at = 0; at < count; at += batch) {
    const rows: NewAuditRow[] = [];
    const contents: AuditContentRow[] = [];
    for (let i = at; i < Math.min(count, at + batch); i++) {
      const row = auditRow(i, start + i, options.row?.(i));
      const content = options.contentEvery && i % options.contentEvery === 0 ? { record_id: row.id, org_id: row.org_id, prompt: JSON.stringify([{ role: "user", content: `question ${i}` }]), completion: `answer ${i}` } : null;
      chain.link(row, content);
      rows.push(row);
      if (content) contents.push(content);
    }
    await store.audit.insertMany(rows, contents);
    records.push(...rows);
  }
  return { chainId: chain.chainId, records };
}

export interface TestDatabase {
  name: "sqlite" | "postgres";
  open(): Promise<{ store: Store; env: Record<string, string>; cleanup(): Promise<void> }>;
}

/** The two databases every audit test runs on; `env` points the CLI at the same one. */
export const testDatabases: TestDatabase[] = [
  {
    name: "sqlite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "igris-audit-verify-"));
      const store = await Store.open({ dataDir: dir });
      return { store, env: { IGRIS_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "postgres",
    async open() {
      const scratch = await createScratchDatabase();
      const store = await Store.open({ databaseUrl: scratch.url, dataDir: "/nonexistent" });
      return { store, env: { IGRIS_DATABASE_URL: scratch.url }, cleanup: () => scratch.drop() };
    },
  },
];
