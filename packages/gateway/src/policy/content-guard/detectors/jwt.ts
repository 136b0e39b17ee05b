import { ALNUM, asciiSet, inSet, type Detector } from "../detector.js";

const TOKEN_CHARS = asciiSet(`${ALNUM}_-`);
const RUN_CHARS = asciiSet(`${ALNUM}_-.`);

/**
 * header.payload.signature in base64url, tried where "eyJ" (base64 of `{"`, the start of every
 * JSON header) begins outside a longer token. The signature may be empty (an unsecured
 * "alg":"none" token). Segment caps keep a whole token within 8 KiB.
 */
const JWT_AT = /eyJ[A-Za-z0-9_-]{5,1021}\.[A-Za-z0-9_-]{5,6144}\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_-]|\.[A-Za-z0-9_-])/y;
const REACH = 3 + 1021 + 1 + 6144 + 1 + 1024 + 2;

function decodeJsonObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first two segments must decode to JSON objects, and the header must name its algorithm. */
function isJwt(token: string): boolean {
  const [header, payload] = token.split(".");
  const h = decodeJsonObject(header!);
  return h !== null && typeof h.alg === "string" && decodeJsonObject(payload!) !== null;
}

/** Positions ≥ from where "eyJ" starts outside a longer token. */
function* starts(text: string, from: number): Generator<number> {
  for (let at = text.indexOf("eyJ", from); at !== -1; at = text.indexOf("eyJ", at + 1)) {
    if (!inSet(TOKEN_CHARS, text.charCodeAt(at - 1))) yield at;
  }
}

export const jwtDetector: Detector = {
  name: "jwt",
  reach: REACH,
  find(text, from) {
    for (const at of starts(text, from)) {
      JWT_AT.lastIndex = at;
      const m = JWT_AT.exec(text);
      if (m !== null && isJwt(m[0])) return { start: at, end: at + m[0].length };
    }
    return null;
  },
  // A token is decided once the run of token characters and dots after its "eyJ" has ended;
  // only a start whose run is still open — or an "e"/"ey" at the very end — can change.
  unsettledFrom(text, from) {
    const floor = Math.max(from, text.length - REACH + 1);
    for (const at of starts(text, floor)) {
      let end = at;
      while (end < text.length && inSet(RUN_CHARS, text.charCodeAt(end))) end++;
      if (end === text.length) return at;
    }
    for (let s = Math.max(floor, text.length - 2); s < text.length; s++) {
      if ("eyJ".startsWith(text.slice(s)) && !inSet(TOKEN_CHARS, text.charCodeAt(s - 1))) return s;
    }
    return text.length;
  },
};
