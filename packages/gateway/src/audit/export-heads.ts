/**
 * Where each chain an export covers stood: its last exported record, and the persisted
 * head at the moment of the export (the same read snapshot). Kept elsewhere, these let a
 * later check tell whether the chain was rewritten since (see docs/audit.md).
 */
export interface ExportHead {
  chainId: string;
  /** The highest chain position among the exported records of this chain, and that record's hash. */
  seq: number;
  hash: string;
  /** The chain's persisted head; null when the chain has none (verify reports that). */
  headSeq: number | null;
  headHash: string | null;
}

/** Tracks the highest exported position of each chain while the records stream past. */
export class ExportHeads {
  private readonly last = new Map<string, { seq: number; hash: string }>();

  see(chainId: string | null, seq: number | null, hash: string | null): void {
    if (chainId === null || seq === null || hash === null) return;
    const current = this.last.get(chainId);
    if (!current || seq > current.seq) this.last.set(chainId, { seq, hash });
  }

  get chainIds(): string[] {
    return [...this.last.keys()].sort();
  }

  withPersisted(persisted: Map<string, { seq: number; hash: string }>): ExportHead[] {
    return this.chainIds.map((chainId) => {
      const { seq, hash } = this.last.get(chainId)!;
      const head = persisted.get(chainId);
      return { chainId, seq, hash, headSeq: head?.seq ?? null, headHash: head?.hash ?? null };
    });
  }
}
