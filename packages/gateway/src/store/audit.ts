import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { AuditContentRow, AuditRow, Database, NewAuditRow } from "./schema.js";

export interface AuditQuery {
  orgId: string;
  limit: number;
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string | undefined;
  virtualKey?: string | undefined;
  user?: string | undefined;
  /** Matches the requested or the upstream model. */
  model?: string | undefined;
  /** An HTTP status code ("429") or an outcome ("success", "failed", …). */
  status?: string | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
}

export interface AuditPage {
  rows: AuditRow[];
  nextCursor: string | null;
}

// 25 columns a row keeps one statement under SQLite's and pg's bound-parameter limits.
const ROWS_PER_STATEMENT = 200;

export function encodeCursor(row: Pick<AuditRow, "created_at" | "id">): string {
  return Buffer.from(`${row.created_at}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const bar = text.indexOf("|");
  if (bar <= 0) return null;
  const createdAt = Number(text.slice(0, bar));
  const id = text.slice(bar + 1);
  if (!Number.isSafeInteger(createdAt) || !id) return null;
  return { createdAt, id };
}

/** Every audit column, in one order, for the prepared SQLite insert. */
const AUDIT_COLUMNS = [
  "id", "org_id", "created_at", "api_key_id", "virtual_key", "provider", "endpoint", "requested_model", "upstream_model",
  "user_id", "trace_id", "metadata", "status_code", "outcome", "prompt_tokens", "completion_tokens", "cached_tokens",
  "reasoning_tokens", "cost_micro_usd", "latency_ms", "ttft_ms", "streamed", "error_type", "error_message",
  "policy_action", "policy_rule_id", "policy_alerts", "guard_findings", "cache_write_tokens", "input_cost_micro_usd",
  "output_cost_micro_usd", "content_hash", "chain_id", "chain_seq", "prev_hash", "hash", "attempts", "cache_status",
  "cost_saved_micro_usd",
] as const satisfies readonly (keyof NewAuditRow)[];

/** Each chain's last record in a batch: its new head. */
function chainHeads(rows: NewAuditRow[]): { chain_id: string; head_seq: number; head_hash: string }[] {
  const heads = new Map<string, { chain_id: string; head_seq: number; head_hash: string }>();
  for (const row of rows) {
    if (!row.chain_id || row.chain_seq == null || !row.hash) continue;
    const current = heads.get(row.chain_id);
    if (!current || row.chain_seq > current.head_seq) heads.set(row.chain_id, { chain_id: row.chain_id, head_seq: row.chain_seq, head_hash: row.hash });
  }
  return [...heads.values()];
}

export class AuditQueries {
  private sqliteInsert: ((rows: NewAuditRow[], contents: AuditContentRow[]) => void) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: SQLite.Database | null = null,
  ) {}

  /**
   * Measured: building and preparing a multi-row insert per batch cost ~7% of the
   * gateway's CPU under load; one cached statement run per row in a transaction does not.
   * Prepared on first use, after the migrations have made the table.
   */
  private sqliteBatchInsert(sqlite: SQLite.Database) {
    if (!this.sqliteInsert) {
      const insert = sqlite.prepare(`insert into audit_records (${AUDIT_COLUMNS.join(", ")}) values (${AUDIT_COLUMNS.map(() => "?").join(", ")})`);
      const insertContent = sqlite.prepare("insert into audit_contents (record_id, org_id, prompt, completion) values (?, ?, ?, ?)");
      const moveHead = sqlite.prepare(
        "insert into audit_chains (chain_id, head_seq, head_hash, created_at, updated_at) values (?, ?, ?, ?, ?) " +
          "on conflict (chain_id) do update set head_seq = excluded.head_seq, head_hash = excluded.head_hash, updated_at = excluded.updated_at",
      );
      // One parameter array, refilled per row: the statement copies values when it binds them.
      const values: unknown[] = new Array(AUDIT_COLUMNS.length);
      this.sqliteInsert = sqlite.transaction((rows: NewAuditRow[], contents: AuditContentRow[]) => {
        for (const row of rows) {
          for (let i = 0; i < AUDIT_COLUMNS.length; i++) values[i] = row[AUDIT_COLUMNS[i]!] ?? null;
          insert.run(values);
        }
        for (const c of contents) insertContent.run(c.record_id, c.org_id, c.prompt, c.completion);
        const now = Date.now();
        for (const head of chainHeads(rows)) moveHead.run(head.chain_id, head.head_seq, head.head_hash, now, now);
      });
    }
    return this.sqliteInsert;
  }

  /** Inserts all rows, and their logged contents, in one transaction: a batch is written whole or not at all. */
  async insertMany(rows: NewAuditRow[], contents: AuditContentRow[] = []): Promise<void> {
    if (rows.length === 0) return;
    if (this.sqlite) return this.sqliteBatchInsert(this.sqlite)(rows, contents);
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        await trx.insertInto("audit_records").values(rows.slice(i, i + ROWS_PER_STATEMENT)).execute();
      }
      for (const content of contents) await trx.insertInto("audit_contents").values(content).execute();
      const now = Date.now();
      for (const head of chainHeads(rows)) {
        await trx
          .insertInto("audit_chains")
          .values({ ...head, created_at: now, updated_at: now })
          .onConflict((oc) => oc.column("chain_id").doUpdateSet({ head_seq: head.head_seq, head_hash: head.head_hash, updated_at: now }))
          .execute();
      }
    });
  }

  async page(q: AuditQuery): Promise<AuditPage> {
    let query = this.db.selectFrom("audit_records").selectAll().where("org_id", "=", q.orgId);
    if (q.virtualKey) query = query.where("virtual_key", "=", q.virtualKey);
    if (q.user) query = query.where("user_id", "=", q.user);
    if (q.model) {
      const model = q.model;
      query = query.where((eb) => eb.or([eb("requested_model", "=", model), eb("upstream_model", "=", model)]));
    }
    if (q.status) {
      query = /^\d{3}$/.test(q.status) ? query.where("status_code", "=", Number(q.status)) : query.where("outcome", "=", q.status);
    }
    if (q.fromMs !== undefined) query = query.where("created_at", ">=", q.fromMs);
    if (q.toMs !== undefined) query = query.where("created_at", "<", q.toMs);
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      if (c) {
        query = query.where((eb) =>
          eb.or([eb("created_at", "<", c.createdAt), eb.and([eb("created_at", "=", c.createdAt), eb("id", "<", c.id)])]),
        );
      }
    }
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(q.limit + 1).execute();
    const hasMore = rows.length > q.limit;
    if (hasMore) rows.pop();
    const last = rows[rows.length - 1];
    return { rows, nextCursor: hasMore && last ? encodeCursor(last) : null };
  }

  async count(orgId: string): Promise<number> {
    const row = await this.db
      .selectFrom("audit_records")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
