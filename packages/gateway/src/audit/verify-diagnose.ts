import type { AuditRow } from "../store/index.js";
import { GENESIS_HASH, recordHash } from "./chain.js";
import { originalSeq } from "./verify-original-seq.js";
import type { ChainHead, ChainReads } from "./verify-reads.js";
import type { TamperFinding, TamperKind } from "./verify-result.js";

/** Where a chain walk stands when a record does not fit. */
export interface WalkState {
  chainId: string;
  /** The persisted head: the writer moves it in the same transaction as the records it covers. */
  head: ChainHead;
  /** The last record accepted (seq 0 and the genesis hash before the first). */
  prev: { seq: number; hash: string; id: string | null };
  /** The hash the accepted record at `prev.seq` links to (null before the first). */
  beforePrev: string | null;
}

export const verifies = (r: AuditRow): boolean => r.hash !== null && recordHash(r) === r.hash;

/**
 * Explains the first record of a chain that does not follow from the one before it
 * (wrong position, broken link, or a hash that does not match). Called once per
 * verification, so it may run extra queries. The rules, in the order they are tried:
 *
 * 1. A record above the persisted head, all below it present: `inserted`.
 * 2. Several records at one position: the one the chain continues from is genuine, the
 *    others `inserted`.
 * 3. Positions missing before the record: `deleted` — unless the record the next one
 *    links to still exists at another position (`reordered`) or in another chain (`edited`).
 * 4. The record matches its hash but does not link: `inserted` when the next record links
 *    past it; `reordered` when what it links to exists elsewhere; `deleted` when what it
 *    links to is gone (the rest was renumbered and rehashed — or the record before was
 *    rewritten with a new hash, which looks the same; the message says so).
 * 5. The record matches its hash only at another position (its chain_seq changed): moved
 *    down past a gap whose records are gone → `deleted`; moved while its predecessor still
 *    exists → `reordered`; pushed up by an extra record taking its place → that record `inserted`.
 * 6. The record matches its hash at no position: a field changed → `edited`, unless the
 *    chain links past it → `inserted`.
 */
export async function diagnose(reads: ChainReads, st: WalkState, r: AuditRow): Promise<TamperFinding> {
  const { chainId, head, prev } = st;
  const s = r.chain_seq ?? 0;
  const finding = (kind: TamperKind, recordId: string | null, seq: number | null, message: string): TamperFinding => ({
    kind,
    chainId,
    seq,
    recordId,
    message,
  });

  if (s > head.seq && prev.seq >= head.seq) {
    return finding("inserted", r.id, s, `record ${r.id} is at seq ${s}, above the chain's persisted head (seq ${head.seq}): it was added after the gateway wrote the chain (or the head was moved back)`);
  }

  const group = await reads.recordsAtSeq(chainId, s);
  if (group.length > 1) return duplicate(reads, st, s, group, finding);

  if (s > prev.seq + 1) return gap(reads, st, r, finding);

  if (s >= 1 && verifies(r)) return brokenLink(reads, st, r, finding);

  const orig = originalSeq(r, Math.max(head.seq, s));
  if (orig !== null) return moved(reads, st, r, orig, finding);
  return editedOrForged(reads, st, r, finding);
}

type Finder = (kind: TamperKind, recordId: string | null, seq: number | null, message: string) => TamperFinding;

/** Rule 2: the genuine one is what the next record (or the head) links to, else the one that verifies and links. */
async function duplicate(reads: ChainReads, st: WalkState, s: number, group: AuditRow[], finding: Finder): Promise<TamperFinding> {
  const linksFrom = s === st.prev.seq ? st.beforePrev : st.prev.hash;
  const next = await reads.recordAfter(st.chainId, s);
  const continuesFrom = next?.chain_seq === s + 1 ? next.prev_hash : s === st.head.seq ? st.head.hash : null;
  const only = (rows: AuditRow[]) => (rows.length === 1 ? rows[0] : undefined);
  const genuine =
    only(group.filter((g) => continuesFrom !== null && g.hash === continuesFrom)) ??
    only(group.filter((g) => verifies(g) && g.prev_hash === linksFrom));
  const extra = group.find((g) => g !== genuine) ?? group[group.length - 1]!;
  const message = genuine
    ? `${group.length} records claim seq ${s}; the chain continues from ${genuine.id}, so ${extra.id} was added`
    : `${group.length} records claim seq ${s} and which one is genuine cannot be told (none or several link); reporting ${extra.id}`;
  return finding("inserted", extra.id, s, message);
}

/** Rule 3: positions prev.seq+1 .. s-1 hold nothing. */
async function gap(reads: ChainReads, st: WalkState, r: AuditRow, finding: Finder): Promise<TamperFinding> {
  const s = r.chain_seq ?? 0;
  const from = st.prev.seq + 1;
  const to = Math.min(s - 1, st.head.seq);
  if (r.prev_hash === st.prev.hash) {
    // Nothing is missing by the links: the record follows the previous one but is numbered further on.
    if (!verifies(r) && originalSeq(r, Math.max(st.head.seq, s)) === from) {
      return finding("reordered", r.id, from, `record ${r.id} was written at seq ${from} but is stored at seq ${s}`);
    }
    return finding("edited", r.id, s, `record ${r.id} links to seq ${st.prev.seq} but is numbered ${s}: its position was rewritten`);
  }
  const linked = r.prev_hash ? await reads.recordByHash(r.prev_hash, r.id) : undefined;
  if (linked?.chain_id === st.chainId) {
    return finding("reordered", linked.id, from, `seq ${from} is empty, and record ${linked.id}, which record ${r.id} at seq ${s} follows, is stored at seq ${linked.chain_seq}: records were renumbered`);
  }
  if (linked) return movedToOtherChain(st, linked, s - 1, finding);
  const span = to > from ? `records at seq ${from}–${to} are` : `the record at seq ${from} is`;
  return finding("deleted", r.id, from, `${span} missing: record ${r.id} at seq ${s} links to a record no longer stored`);
}

/** Rule 4: the record matches its hash at its position but does not link to the one before it. */
async function brokenLink(reads: ChainReads, st: WalkState, r: AuditRow, finding: Finder): Promise<TamperFinding> {
  const s = r.chain_seq ?? 0;
  if (r.prev_hash === GENESIS_HASH) {
    return finding("inserted", r.id, s, `record ${r.id} at seq ${s} claims to start the chain (it links to the genesis hash)`);
  }
  const next = await reads.recordAfter(st.chainId, s);
  if (next && next.prev_hash === st.prev.hash) {
    return finding("inserted", r.id, s, `record ${r.id} at seq ${s} does not link to seq ${st.prev.seq} and the record after it (${next.id}) does: it was inserted and the rest renumbered`);
  }
  const linked = r.prev_hash ? await reads.recordByHash(r.prev_hash, r.id) : undefined;
  if (linked?.chain_id === st.chainId) {
    return finding("reordered", r.id, s, `record ${r.id} at seq ${s} links to record ${linked.id} (stored at seq ${linked.chain_seq}), not to seq ${st.prev.seq}: records are out of order`);
  }
  if (linked) return movedToOtherChain(st, linked, s - 1, finding);
  return finding(
    "deleted",
    r.id,
    s,
    `record ${r.id} at seq ${s} links to a record no longer stored: a record before it was removed and the rest renumbered with recomputed hashes` +
      ` — or record ${st.prev.id ?? "?"} at seq ${st.prev.seq} was rewritten with a recomputed hash; the two look the same`,
  );
}

/** Rule 5: the record matches its hash only at position `orig`. */
async function moved(reads: ChainReads, st: WalkState, r: AuditRow, orig: number, finding: Finder): Promise<TamperFinding> {
  const s = r.chain_seq ?? 0;
  if (orig > s) {
    const linked = r.prev_hash ? await reads.recordByHash(r.prev_hash, r.id) : undefined;
    if (linked?.chain_id === st.chainId) {
      return finding("reordered", r.id, s, `record ${r.id} was written at seq ${orig} but is stored at seq ${s}: records were reordered`);
    }
    if (linked) return movedToOtherChain(st, linked, orig - 1, finding);
    const count = orig - s;
    return finding("deleted", r.id, s, `record ${r.id} was written at seq ${orig} but is stored at seq ${s}, and the record it follows is gone: ${count} record${count === 1 ? " was" : "s were"} removed before it and the rest renumbered`);
  }
  if (orig === st.prev.seq && st.prev.id && r.prev_hash === st.beforePrev) {
    return finding("inserted", st.prev.id, st.prev.seq, `record ${st.prev.id} at seq ${st.prev.seq} was added: record ${r.id}, written at seq ${orig}, links to the record before it, and the rest was renumbered to make room`);
  }
  return finding("reordered", r.id, s, `record ${r.id} was written at seq ${orig} but is stored at seq ${s}: records were reordered`);
}

/** Rule 6: the record matches its hash at no position. */
async function editedOrForged(reads: ChainReads, st: WalkState, r: AuditRow, finding: Finder): Promise<TamperFinding> {
  const s = r.chain_seq ?? 0;
  if (s < 1) return finding("edited", r.id, s, `record ${r.id} is at seq ${s}, which is no position in a chain, and does not match its hash`);
  if (r.prev_hash === st.prev.hash) {
    return finding("edited", r.id, s, `record ${r.id} at seq ${s} does not match its hash: a field was changed after it was written`);
  }
  const next = await reads.recordAfter(st.chainId, s);
  if ((next && next.prev_hash === r.hash) || (s === st.head.seq && r.hash === st.head.hash)) {
    return finding("edited", r.id, s, `record ${r.id} at seq ${s} does not match its hash, and its link to the record before it was changed`);
  }
  if (next && next.prev_hash === st.prev.hash) {
    return finding("inserted", r.id, s, `record ${r.id} at seq ${s} neither matches its hash nor links to seq ${st.prev.seq}, and the next record links past it: it was inserted`);
  }
  return finding("edited", r.id, s, `record ${r.id} at seq ${s} neither matches its hash nor links to the record before it: it was changed (or forged in place of the original)`);
}

/** The record a chain links through was found in another chain: its chain_id was changed. */
function movedToOtherChain(st: WalkState, linked: AuditRow, seq: number, finding: Finder): TamperFinding {
  return finding("edited", linked.id, seq, `record ${linked.id} belongs to chain ${st.chainId} at seq ${seq} (the record after it links to it) but is stored in chain ${linked.chain_id}: its chain id was changed`);
}
