import { regexDetector, type Detector } from "../detector.js";

const TYPES = ["", "RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ", "PGP "];
const TYPE = `(?:${TYPES.filter(Boolean).join("|")})?`;
const HEADER = `-----BEGIN ${TYPE}PRIVATE KEY(?: BLOCK)?-----`;
const FOOTER = `-----END ${TYPE}PRIVATE KEY(?: BLOCK)?-----`;

/**
 * A block is at most 8 KiB (an RSA-8192 key in PEM is about 6.4 KB). The cap is what bounds a
 * stream's hold-back while a key is arriving; a block without its END line within the cap is
 * matched to the cap, so nothing after it waits on it.
 */
export const PRIVATE_KEY_MAX = 8192;
const LONGEST_HEADER = "-----BEGIN ENCRYPTED PRIVATE KEY BLOCK-----".length;
const BODY_MAX = PRIVATE_KEY_MAX - 2 * LONGEST_HEADER;

/** All header lines the pattern accepts, to recognise one still arriving at the end of a stream. */
const HEADER_LINES = TYPES.flatMap((t) => [`-----BEGIN ${t}PRIVATE KEY-----`, `-----BEGIN ${t}PRIVATE KEY BLOCK-----`]);
const HEADER_G = new RegExp(HEADER, "g");
const FOOTER_G = new RegExp(FOOTER, "g");

const base = regexDetector({
  name: "private_key",
  // The whole block; with no END line (a truncated paste) it runs to the end of the text or the cap.
  pattern: new RegExp(`${HEADER}(?:[\\s\\S]{0,${BODY_MAX}}?${FOOTER}|[\\s\\S]{0,${BODY_MAX}})`, "g"),
  reach: PRIVATE_KEY_MAX,
});

export const privateKeyDetector: Detector = {
  ...base,
  /**
   * A block is settled once its END line has arrived or it reached the cap; until then, from
   * its BEGIN line. A dash near the end that could begin a header is held too.
   */
  unsettledFrom(text, from) {
    const floor = Math.max(from, text.length - PRIVATE_KEY_MAX + 1);
    HEADER_G.lastIndex = floor;
    for (let m = HEADER_G.exec(text); m !== null; m = HEADER_G.exec(text)) {
      FOOTER_G.lastIndex = m.index + m[0].length;
      if (!FOOTER_G.test(text)) return m.index;
      HEADER_G.lastIndex = m.index + 1;
    }
    for (let s = Math.max(floor, text.length - LONGEST_HEADER); s < text.length; s++) {
      if (text.charCodeAt(s) !== 45) continue;
      const tail = text.slice(s);
      if (HEADER_LINES.some((h) => h.length > tail.length && h.startsWith(tail))) return s;
    }
    return text.length;
  },
};
