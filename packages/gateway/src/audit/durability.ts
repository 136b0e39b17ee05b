/**
 * When a call's audit record counts as kept.
 * - `batch`: once queued; it reaches the database (or the local spool) within one flush interval.
 * - `sync`: once committed to the database, or fsynced to the spool while the database is away.
 */
export const AUDIT_DURABILITIES = ["batch", "sync"] as const;

export type AuditDurability = (typeof AUDIT_DURABILITIES)[number];

export function parseAuditDurability(raw: string | undefined, name = "IGRIS_AUDIT_DURABILITY"): AuditDurability {
  if (raw === undefined || raw === "") return "batch";
  const value = raw.trim().toLowerCase();
  if ((AUDIT_DURABILITIES as readonly string[]).includes(value)) return value as AuditDurability;
  throw new Error(`${name} must be one of ${AUDIT_DURABILITIES.join(", ")}, got "${raw}"`);
}
