import { createHash } from "node:crypto";
import { HASHED_FIELDS } from "./chain.js";

type Hashed = Partial<Record<(typeof HASHED_FIELDS)[number], unknown>> & { hash?: string | null };

const SEQ_INDEX = HASHED_FIELDS.indexOf("chain_seq");
// A string that cannot occur in a JSON-encoded field, standing in for the seq while the canonical form is split.
const MARK = "\u0000seq\u0000";

/**
 * The position a record was written at, if its stored hash matches its fields with some
 * other `chain_seq` in 1..upper — i.e. only its position changed (it was moved or the
 * chain renumbered). Null when no position fits: some other field changed. Tries the
 * positions nearest the stored one first. Run once, on the first broken record, so the
 * O(upper) cost is paid at most once per verification; the canonical form's prefix is
 * hashed once and its hash state copied for each candidate.
 */
export function originalSeq(record: Hashed, upper: number): number | null {
  if (!record.hash) return null;
  const values = HASHED_FIELDS.map((f) => record[f] ?? null);
  values[SEQ_INDEX] = MARK;
  const parts = JSON.stringify(values).split(JSON.stringify(MARK));
  if (parts.length !== 2) return null;
  const [before, after] = parts as [string, string];
  const prefix = createHash("sha256").update(before, "utf8");
  const matches = (seq: number) => prefix.copy().update(`${seq}${after}`, "utf8").digest("hex") === record.hash;
  // Nearest the stored position first; a stored position outside 1..upper starts from the nearer end.
  const stored = typeof record.chain_seq === "number" ? record.chain_seq : 1;
  const centre = Math.min(Math.max(stored, 1), upper);
  for (let d = 0; d < upper; d++) {
    const up = centre + d;
    const down = centre - d;
    if (up > upper && down < 1) break;
    if (up <= upper && matches(up)) return up;
    if (d > 0 && down >= 1 && matches(down)) return down;
  }
  return null;
}
