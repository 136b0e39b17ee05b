import { asciiSet, regexDetector } from "../detector.js";

/**
 * header.payload.signature in base64url. The header must start "eyJ" (base64 of `{"`), which is
 * also what keeps the search fast; the signature may be empty (an unsecured "alg":"none" token).
 * Segment caps keep a whole token within 8 KiB.
 */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,1021}\.[A-Za-z0-9_-]{5,6144}\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])/g;

function decodeJsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first two segments must decode to JSON objects, and the header must name its algorithm. */
function accept(text: string, start: number, end: number): number | null {
  const [header, payload] = text.slice(start, end).split(".");
  const h = decodeJsonObject(header!);
  return h !== null && typeof h.alg === "string" && decodeJsonObject(payload!) !== null ? end : null;
}

export const jwtDetector = regexDetector({
  name: "jwt",
  pattern: JWT,
  reach: 3 + 1021 + 1 + 6144 + 1 + 1024 + 2,
  runChars: asciiSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-."),
  accept,
});
