import { randomBytes } from "node:crypto";

/**
 * Time-ordered identifiers: 12 hex digits of milliseconds, then 16 random hex digits.
 * Sorting ids as strings sorts them by creation time, which keeps audit cursors simple.
 */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(16).padStart(12, "0")}${randomBytes(8).toString("hex")}`;
}
