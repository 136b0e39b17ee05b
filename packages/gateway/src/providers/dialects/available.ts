import type { DialectName } from "../registry.js";

/**
 * The wire formats this gateway can speak today. A provider whose dialect is not here
 * is listed (so clients see it) but refused when a virtual key names it — never sent
 * requests in a format it does not understand.
 */
export const AVAILABLE_DIALECTS: ReadonlySet<DialectName> = new Set<DialectName>(["openai", "azure"]);

export function dialectAvailable(dialect: DialectName): boolean {
  return AVAILABLE_DIALECTS.has(dialect);
}
