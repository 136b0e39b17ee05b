import { ALNUM, asciiSet, inSet, runUnsettled, type Detector } from "../detector.js";

const LOCAL_CHARS = asciiSet(`${ALNUM}_%+-`);
const MAX_LOCAL = 64;

/**
 * `local@domain` from its first character: a dot-separated local part (no leading, trailing or
 * doubled dots), then dot-separated DNS labels ending in an alphabetic TLD.
 */
const EMAIL = new RegExp(
  "(?<![A-Za-z0-9_%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9_%+-]|\\.(?=[A-Za-z0-9_%+-])){0,63}" +
    "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,10}([A-Za-z]{2,24})(?![A-Za-z0-9-])(?!\\.[A-Za-z0-9])",
  "y",
);

// `icon@2x.png`, `logo@3x.webp`: asset names with a density suffix, not addresses. These
// extensions are not top-level domains (unlike .zip or .mov, which are, and stay matched).
const FILE_EXTENSIONS = new Set(
  "png jpg jpeg gif svg webp avif ico bmp tif tiff css scss less js mjs cjs ts mts cts tsx jsx json yaml yml toml lock txt html htm xml pdf".split(" "),
);

/** Local part ≤ 64, ten labels of ≤ 63, a TLD of ≤ 24, the look-ahead. */
const REACH = MAX_LOCAL + 1 + 10 * 64 + 24 + 2;

/**
 * Searching from each "@" rather than letting the pattern try every position makes a prose scan
 * an order of magnitude cheaper; the result is the same leftmost match.
 */
export const emailDetector: Detector = {
  name: "email",
  reach: REACH,
  find(text, from) {
    let previousAt = from - 1;
    for (let at = text.indexOf("@", from + 1); at !== -1; previousAt = at, at = text.indexOf("@", at + 1)) {
      // A match using this "@" starts within 64 characters before it, after any earlier "@".
      for (let start = Math.max(from, at - MAX_LOCAL, previousAt + 1); start < at; start++) {
        if (!inSet(LOCAL_CHARS, text.charCodeAt(start))) continue;
        EMAIL.lastIndex = start;
        const m = EMAIL.exec(text);
        if (m === null) continue;
        if (FILE_EXTENSIONS.has(m[1]!.toLowerCase())) break;
        return { start, end: start + m[0].length };
      }
    }
    return null;
  },
  unsettledFrom: runUnsettled(
    {
      inRun: asciiSet(`${ALNUM}_%+-.@`),
      // An address needs its "@" within 64 characters of its start: until one arrives, only the
      // last 64 characters can still begin one.
      earliestStart(text, floor) {
        const at = text.indexOf("@", floor + 1);
        return Math.min(text.length - MAX_LOCAL, at === -1 ? Infinity : at - MAX_LOCAL);
      },
    },
    REACH,
  ),
};
