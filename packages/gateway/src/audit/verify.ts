import { type QueryContext, readSnapshot } from "./query-context.js";
import { verifyChain } from "./verify-chain.js";
import { ChainReads } from "./verify-reads.js";
import type { TamperFinding, VerifyOptions, VerifyResult } from "./verify-result.js";

export type { TamperFinding, TamperKind, VerifyOptions, VerifyResult } from "./verify-result.js";

const DEFAULT_PAGE_SIZE = 1000;
const CHAIN_IDS_PER_PAGE = 200;

/**
 * Checks the whole audit trail against its hash chains, over one read snapshot, and
 * reports the first problem. "First" is a fixed order: records with no chain fields
 * (oldest first), then each chain in chain id order (ids are time-ordered, so oldest
 * writer first) and within it by position, then logged content without a record.
 * Memory is bounded by the page size, whatever the number of records.
 */
export function verifyAuditTrail(ctx: QueryContext, options: VerifyOptions = {}): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  return readSnapshot(ctx, async (trx) => {
    const reads = new ChainReads(trx);
    let checked = 0;
    const tampered = (finding: TamperFinding): VerifyResult => ({ status: "tampered", ...finding, checked });

    const loose = await reads.unchainedRecord();
    if (loose) {
      // Every record a gateway writes is linked; one without chain fields was added outside it, or had them cleared.
      return tampered(
        loose.chain_id === null
          ? {
              kind: "inserted",
              chainId: null,
              seq: null,
              recordId: loose.id,
              message: `record ${loose.id} belongs to no chain: it was not written by a gateway's writer (or its chain id was cleared, or it predates hash chaining)`,
            }
          : {
              kind: "edited",
              chainId: loose.chain_id,
              seq: loose.chain_seq,
              recordId: loose.id,
              message: `record ${loose.id} has had its chain position or hashes cleared`,
            },
      );
    }

    let chains = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await reads.chainIds(after, CHAIN_IDS_PER_PAGE);
      for (const chainId of ids) {
        chains++;
        const finding = await verifyChain(reads, chainId, pageSize, () => checked++);
        if (finding) return tampered(finding);
      }
      if (ids.length < CHAIN_IDS_PER_PAGE) break;
      after = ids[ids.length - 1]!;
    }

    const orphan = await reads.orphanContent();
    if (orphan) {
      return tampered({
        kind: "inserted",
        chainId: null,
        seq: null,
        recordId: orphan,
        message: `logged content is stored for record ${orphan}, which does not exist`,
      });
    }
    return { status: "intact", chains, checked };
  });
}
