import { createHash } from "node:crypto";
import type { AuditContentRow, NewAuditRow } from "../store/index.js";

/** One spooled record, as linked into its chain, with its logged content if a rule kept it. */
export interface SpoolEntry {
  record: NewAuditRow;
  content: AuditContentRow | null;
}

/** A line that could not be read back, with why. */
export interface DamagedLine {
  /** 1-based line number in its file. */
  line: number;
  reason: "torn" | "checksum" | "unreadable";
}

// A line is `<checksum> <json>\n`. The checksum (16 hex digits of the JSON's SHA-256) tells a
// torn or damaged line from a whole one; tampering is the hash chain's business, not this.
const CHECKSUM_HEX = 16;
const NEWLINE = 0x0a;

function checksum(json: string): string {
  return createHash("sha256").update(json, "utf8").digest("hex").slice(0, CHECKSUM_HEX);
}

export function encodeSpoolLine(entry: SpoolEntry): string {
  const json = JSON.stringify([entry.record, entry.content]);
  return `${checksum(json)} ${json}\n`;
}

export function encodeSpoolLines(entries: readonly SpoolEntry[]): Buffer {
  let text = "";
  for (const entry of entries) text += encodeSpoolLine(entry);
  return Buffer.from(text, "utf8");
}

function decodeLine(text: string): SpoolEntry | "checksum" | "unreadable" {
  if (text.length <= CHECKSUM_HEX + 1 || text.charCodeAt(CHECKSUM_HEX) !== 0x20) return "unreadable";
  const json = text.slice(CHECKSUM_HEX + 1);
  if (checksum(json) !== text.slice(0, CHECKSUM_HEX)) return "checksum";
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed) || parsed.length !== 2) return "unreadable";
    const [record, content] = parsed as [NewAuditRow, AuditContentRow | null];
    if (typeof record !== "object" || record === null || typeof record.id !== "string") return "unreadable";
    return { record, content: content ?? null };
  } catch {
    return "unreadable";
  }
}

/**
 * Reads the entries of a spool file, in order. JSON escapes newlines, and 0x0a never occurs
 * inside a multi-byte UTF-8 sequence, so the raw bytes split safely on it. A last line without
 * its newline is what a crash mid-append leaves: kept if its checksum holds, reported otherwise.
 */
export function decodeSpoolLines(bytes: Buffer, firstLine = 1): { entries: SpoolEntry[]; damaged: DamagedLine[] } {
  const entries: SpoolEntry[] = [];
  const damaged: DamagedLine[] = [];
  let start = 0;
  let line = firstLine;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    const whole = end >= 0;
    if (!whole) end = bytes.length;
    if (end > start) {
      const decoded = decodeLine(bytes.toString("utf8", start, end));
      if (typeof decoded === "object") entries.push(decoded);
      else damaged.push({ line, reason: whole ? decoded : "torn" });
    }
    start = end + 1;
    line++;
  }
  return { entries, damaged };
}
