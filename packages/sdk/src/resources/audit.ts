import type { QueryValue, RequestOptions, Transport } from "../transport.js";
import type { AuditListQuery, AuditPage } from "../types/admin.js";

/** The audit trail over the admin API (needs an admin key). */
export class Audit {
  constructor(private readonly transport: Transport) {}

  /** One page, newest first; pass `nextCursor` back as `cursor` for the next. */
  list(query: AuditListQuery = {}, options: RequestOptions = {}): Promise<AuditPage> {
    return this.transport.json<AuditPage>("GET", "/api/audit", { ...options, query: auditQuery(query) });
  }
}

export function auditQuery(query: AuditListQuery): Record<string, QueryValue> {
  const instant = (v: string | number | Date | undefined) => (v instanceof Date ? v.toISOString() : v);
  return { ...query, from: instant(query.from), to: instant(query.to) };
}
