import type { DialectName } from "../registry.js";
import { translatedDialect } from "./index.js";

/**
 * Whether the gateway can speak a dialect: the OpenAI wire format (and Azure's URL shape
 * over it) natively, the others through their translators. A provider whose dialect is
 * not available is listed (so clients see it) but refused when a virtual key names it —
 * never sent requests in a format it does not understand.
 */
export function dialectAvailable(dialect: DialectName): boolean {
  return dialect === "openai" || dialect === "azure" || translatedDialect(dialect) !== null;
}
