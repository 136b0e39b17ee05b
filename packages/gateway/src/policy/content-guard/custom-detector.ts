import { ContentGuardError } from "./content-guard-error.js";
import { customPatternProblem, literalPrefix } from "./custom-pattern.js";
import { LEFT_CONTEXT, firstMatch, reachUnsettled, type Detector, type Span } from "./detector.js";

/**
 * Limits on an organisation's own patterns (`custom:<name>`):
 * - a match covers at most 256 characters; a longer one is cut there, and matching resumes after the cut;
 * - deciding a match may read at most 64 characters past it, and look-behinds at most
 *   LEFT_CONTEXT (128) characters before it — beyond that a stream and a one-shot scan may differ;
 * - one regex execution never sees more than 16 KiB of text, which bounds what a slow
 *   (polynomial-backtracking) pattern can cost per call; a long text is searched in overlapping slices.
 */
export const CUSTOM_MATCH_MAX = 256;
const CUSTOM_LOOKAHEAD = 64;
const REACH = CUSTOM_MATCH_MAX + CUSTOM_LOOKAHEAD;
export const CUSTOM_SLICE = 16 * 1024;

export function customDetector(name: string, source: string): Detector {
  const detector = `custom:${name}`;
  const problem = customPatternProblem(source);
  if (problem !== null) throw new ContentGuardError(detector, `custom detector "${name}": ${problem}`);
  const pattern = new RegExp(source, "gu");
  return {
    name: detector,
    reach: REACH,
    find(text, from) {
      for (let position = from; ; ) {
        const sliceStart = Math.max(0, position - LEFT_CONTEXT);
        const sliceEnd = Math.min(text.length, position + CUSTOM_SLICE);
        const complete = sliceEnd === text.length;
        const slice = sliceStart === 0 && complete ? text : text.slice(sliceStart, sliceEnd);
        // Starts this close to a slice's cut end are decided by the next slice, which sees past it.
        const decidedBefore = complete ? Infinity : sliceEnd - REACH + 1;
        const found = firstMatch(pattern, slice, position - sliceStart);
        if (found !== null && sliceStart + found.start < decidedBefore) return capped(text, sliceStart, found);
        if (complete) return null;
        position = decidedBefore;
      }
    },
    unsettledFrom: prefixUnsettled(literalPrefix(source)),
  };
}

/**
 * Near the end of a growing text, a match can only still start where its literal prefix starts,
 * whole or cut off by the end; with no known prefix, every position within reach is undecided.
 */
function prefixUnsettled(prefix: string): Detector["unsettledFrom"] {
  const byReach = reachUnsettled(REACH);
  if (prefix === "") return byReach;
  return (text, from) => {
    const floor = byReach(text, from);
    const whole = text.indexOf(prefix, floor);
    const limit = whole === -1 ? text.length : whole;
    for (let s = Math.max(floor, text.length - prefix.length + 1); s < limit; s++) {
      if (prefix.startsWith(text.slice(s))) return s;
    }
    return limit;
  };
}

function capped(text: string, offset: number, found: Span): Span {
  const start = offset + found.start;
  let end = Math.min(offset + found.end, start + CUSTOM_MATCH_MAX);
  // Never cut between the halves of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (end < offset + found.end && last >= 0xd800 && last <= 0xdbff) end--;
  return { start, end };
}
