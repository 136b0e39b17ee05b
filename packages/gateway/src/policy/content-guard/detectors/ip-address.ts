import { asciiSet, inSet, regexDetector, runUnsettled, WORD, type Detector } from "../detector.js";

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

/**
 * Four decimal octets (0-255, no leading zeros) that are not part of a longer dotted number:
 * "1.2.3.4.5" and "v1.2.3.4" are versions, not addresses. A trailing sentence dot is fine.
 */
export const ipv4Detector = regexDetector({
  name: "ipv4",
  pattern: new RegExp(`(?<!\\w|\\w\\.)${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, "g"),
  reach: 15 + 2,
  runChars: asciiSet("0123456789."),
});

const HEX = asciiSet("0123456789abcdefABCDEF");
const IPV6_CHARS = asciiSet("0123456789abcdefABCDEF:.");
/** "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" is the longest form. */
const MAX_IPV6 = 45;
const IPV4_TAIL = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/**
 * Validates the text form: hex groups of 1-4 digits, eight of them, or fewer with exactly one
 * "::"; the last 32 bits may be written as dotted IPv4. At least one decimal digit is required,
 * which keeps hex words such as "dead::beef" and a bare "::" out.
 */
export function isIpv6(candidate: string): boolean {
  if (!/\d/.test(candidate)) return false;
  let body = candidate;
  let groupsNeeded = 8;
  const lastColon = body.lastIndexOf(":");
  const tail = body.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!IPV4_TAIL.test(tail)) return false;
    body = body.slice(0, lastColon + 1) + "0"; // the IPv4 part takes two groups; validate it as one placeholder…
    groupsNeeded = 7; // …and expect one group fewer
  }
  const halves = body.split("::");
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...left, ...right];
  if (!all.every((g) => g.length >= 1 && g.length <= 4 && [...g].every((c) => inSet(HEX, c.charCodeAt(0))))) return false;
  return halves.length === 2 ? all.length < groupsNeeded : all.length === groupsNeeded;
}

/**
 * The address starting at `start`: the run of hex digits, colons and dots, less a sentence's
 * trailing dots or a single trailing colon ("at fe80::1: it…"). Runs longer than any address are
 * not cut down to one: they are something else (a hash, a hex dump).
 */
function ipv6EndAt(text: string, start: number): number | null {
  let end = start;
  while (end - start <= MAX_IPV6 + 2 && inSet(IPV6_CHARS, text.charCodeAt(end))) end++;
  if (inSet(WORD, text.charCodeAt(end))) return null;
  while (text.charCodeAt(end - 1) === 46) end--;
  if (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
  if (end - start > MAX_IPV6) return null;
  return isIpv6(text.slice(start, end)) ? end : null;
}

/** Starts are found from each colon (a run has one within five characters of its start). */
export const ipv6Detector: Detector = {
  name: "ipv6",
  reach: MAX_IPV6 + 4,
  find(text, from) {
    for (let colon = text.indexOf(":", from); colon !== -1; colon = text.indexOf(":", colon + 1)) {
      let start = colon;
      while (start > from && colon - start < 4 && inSet(HEX, text.charCodeAt(start - 1))) start--;
      const before = text.charCodeAt(start - 1);
      // Mid-word, mid-run, or a hex group too long for IPv6: this colon starts nothing here.
      if (inSet(WORD, before) || before === 58 || before === 46) continue;
      const end = ipv6EndAt(text, start);
      if (end !== null) return { start, end };
    }
    return null;
  },
  unsettledFrom: runUnsettled(IPV6_CHARS, MAX_IPV6 + 4),
};
