/**
 * How a chain was tampered with, judged from how the break shows (see docs/audit.md):
 * - `edited`: a record no longer matches its hash (a field, its logged content, or its link changed);
 * - `deleted`: a record the chain links through is gone (gap, renumbered rest, cut tail, emptied chain);
 * - `inserted`: a record the chain does not link through (duplicate position, above the head, no head, no chain);
 * - `reordered`: genuine records, each matching its hash, stored at positions they were not written at.
 */
export type TamperKind = "edited" | "deleted" | "inserted" | "reordered";

export interface TamperFinding {
  kind: TamperKind;
  /** The chain the problem is in; null for a record outside any chain or logged content without a record. */
  chainId: string | null;
  /** The chain position where the problem shows (for `deleted`, the first missing one). */
  seq: number | null;
  /** The stored record at fault, or where the break shows; null when the record is gone (a cut tail). */
  recordId: string | null;
  /** What was found, in words; says so when the evidence fits more than one kind. */
  message: string;
}

export type VerifyResult =
  | { status: "intact"; chains: number; checked: number }
  | ({ status: "tampered"; checked: number } & TamperFinding);

export interface VerifyOptions {
  /** Records read per query; memory stays bounded by it however long the chains are. */
  pageSize?: number;
}
