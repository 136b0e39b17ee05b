import { contentHash, GENESIS_HASH } from "./chain.js";
import { diagnose, verifies, type WalkState } from "./verify-diagnose.js";
import type { ChainRecord, ChainReads } from "./verify-reads.js";
import type { TamperFinding } from "./verify-result.js";

/**
 * Walks one chain in chain_seq order, a page at a time, holding only the last two links.
 * Every record must match its hash, sit at the next position, link to the record before
 * it and stay at or below the persisted head; the first one that does not is explained by
 * `diagnose`. `onChecked` counts records that passed.
 */
export async function verifyChain(reads: ChainReads, chainId: string, pageSize: number, onChecked: () => void): Promise<TamperFinding | null> {
  const head = await reads.head(chainId);
  const st: WalkState = { chainId, head: head ?? { seq: 0, hash: GENESIS_HASH }, prev: { seq: 0, hash: GENESIS_HASH, id: null }, beforePrev: null };

  for await (const r of reads.chainRecords(chainId, pageSize)) {
    if (!head) {
      // Every batch moves its chain's head in the same transaction, so a chain without one was not written by a gateway.
      return {
        kind: "inserted",
        chainId,
        seq: r.chain_seq,
        recordId: r.id,
        message: `chain ${chainId} has records but no persisted head: they were not written by a gateway (or the head row was deleted)`,
      };
    }
    const s = r.chain_seq ?? 0;
    const follows = s === st.prev.seq + 1 && s <= head.seq && r.prev_hash === st.prev.hash && verifies(r);
    const problem = follows ? contentProblem(chainId, r) : await diagnose(reads, st, r);
    if (problem) return problem;
    st.beforePrev = st.prev.hash;
    st.prev = { seq: s, hash: r.hash!, id: r.id };
    onChecked();
  }

  if (!head) return null;
  if (st.prev.id === null) {
    return { kind: "deleted", chainId, seq: 1, recordId: null, message: `chain ${chainId} has a head at seq ${head.seq} but no records: they were all deleted` };
  }
  if (st.prev.seq < head.seq) {
    const span = head.seq > st.prev.seq + 1 ? `records at seq ${st.prev.seq + 1}–${head.seq} are` : `the record at seq ${head.seq} is`;
    return { kind: "deleted", chainId, seq: st.prev.seq + 1, recordId: null, message: `${span} missing: the chain's tail after record ${st.prev.id} was cut off` };
  }
  if (st.prev.hash !== head.hash) {
    return {
      kind: "edited",
      chainId,
      seq: st.prev.seq,
      recordId: st.prev.id,
      message: `the last record, ${st.prev.id}, does not have the persisted head's hash: it was rewritten with a recomputed hash (or the head was changed)`,
    };
  }
  return null;
}

/** Logged content is chained through content_hash: it must be there exactly when the hash is, and match it. */
function contentProblem(chainId: string, r: ChainRecord): TamperFinding | null {
  const at = { chainId, seq: r.chain_seq, recordId: r.id };
  if (r.content_record_id === null) {
    if (r.content_hash === null) return null;
    return { kind: "deleted", ...at, message: `the logged prompt and completion of record ${r.id} are missing (the record's content_hash says they were kept)` };
  }
  if (r.content_hash === null) {
    return { kind: "edited", ...at, message: `record ${r.id} has logged content but no content_hash: the content was added after it was written` };
  }
  if (contentHash({ prompt: r.content_prompt, completion: r.content_completion }) !== r.content_hash) {
    return { kind: "edited", ...at, message: `the logged prompt or completion of record ${r.id} does not match its content_hash: it was changed` };
  }
  return null;
}
