import type { Kysely } from "kysely";
import type { AuditRow, Database } from "../store/index.js";
import { recordsWithContent } from "./records-with-content.js";

/** A chained record with its logged content, if any (left-joined from audit_contents). */
export type ChainRecord = AuditRow & {
  content_record_id: string | null;
  content_prompt: string | null;
  content_completion: string | null;
};

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The queries the verifier needs, all keyset-paged or bounded, over one read snapshot. */
export class ChainReads {
  constructor(private readonly db: Kysely<Database>) {}

  /** The first record missing chain fields: outside every chain, or with its chain fields cleared. */
  unchainedRecord(): Promise<AuditRow | undefined> {
    return this.db
      .selectFrom("audit_records")
      .selectAll()
      .where((eb) => eb.or([eb("chain_id", "is", null), eb("chain_seq", "is", null), eb("prev_hash", "is", null), eb("hash", "is", null)]))
      .orderBy("created_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
  }

  /** Chain ids after `after`, in order: every chain with a head, and every chain id found on a record. */
  async chainIds(after: string | null, limit: number): Promise<string[]> {
    const heads = this.db.selectFrom("audit_chains").select("chain_id").$if(after !== null, (q) => q.where("chain_id", ">", after!));
    const onRecords = this.db
      .selectFrom("audit_records")
      .select("chain_id")
      .where("chain_id", "is not", null)
      .$narrowType<{ chain_id: string }>()
      .$if(after !== null, (q) => q.where("chain_id", ">", after!));
    const rows = await heads.union(onRecords).orderBy("chain_id").limit(limit).execute();
    return rows.map((r) => r.chain_id);
  }

  async head(chainId: string): Promise<ChainHead | null> {
    const row = await this.db.selectFrom("audit_chains").select(["head_seq", "head_hash"]).where("chain_id", "=", chainId).executeTakeFirst();
    return row ? { seq: Number(row.head_seq), hash: row.head_hash } : null;
  }

  /** One chain's records in (chain_seq, id) order, a page at a time. */
  async *chainRecords(chainId: string, pageSize: number): AsyncGenerator<ChainRecord> {
    let after: { seq: number; id: string } | null = null;
    for (;;) {
      const cursor: { seq: number; id: string } | null = after;
      const page = (await recordsWithContent(this.db)
        .where("audit_records.chain_id", "=", chainId)
        .$if(cursor !== null, (q) =>
          // The redundant bound on the indexed column lets both databases start the index scan at the cursor.
          q.where("audit_records.chain_seq", ">=", cursor!.seq).where((eb) => eb(eb.refTuple("audit_records.chain_seq", "audit_records.id"), ">", eb.tuple(cursor!.seq, cursor!.id))),
        )
        .orderBy("audit_records.chain_seq")
        .orderBy("audit_records.id")
        .limit(pageSize)
        .execute()) as ChainRecord[];
      yield* page;
      const last = page[page.length - 1];
      if (page.length < pageSize || !last || last.chain_seq === null) return;
      after = { seq: last.chain_seq, id: last.id };
    }
  }

  /** Every record claiming one position of a chain, by id. */
  recordsAtSeq(chainId: string, seq: number): Promise<AuditRow[]> {
    return this.db.selectFrom("audit_records").selectAll().where("chain_id", "=", chainId).where("chain_seq", "=", seq).orderBy("id").execute();
  }

  /** The first record after a position of a chain. */
  recordAfter(chainId: string, seq: number): Promise<AuditRow | undefined> {
    return this.db
      .selectFrom("audit_records")
      .selectAll()
      .where("chain_id", "=", chainId)
      .where("chain_seq", ">", seq)
      .orderBy("chain_seq")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * The record stored with a given hash, in any chain. There is no index on hashes, so
   * this scans; it runs only while explaining the first problem found.
   */
  recordByHash(hash: string, exceptId: string): Promise<AuditRow | undefined> {
    return this.db.selectFrom("audit_records").selectAll().where("hash", "=", hash).where("id", "!=", exceptId).limit(1).executeTakeFirst();
  }

  /** Logged content whose record does not exist. */
  async orphanContent(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("audit_contents")
      .leftJoin("audit_records", "audit_records.id", "audit_contents.record_id")
      .select("audit_contents.record_id")
      .where("audit_records.id", "is", null)
      .orderBy("audit_contents.record_id")
      .limit(1)
      .executeTakeFirst();
    return row?.record_id;
  }
}
