import { ALNUM, asciiSet, reachUnsettled, regexDetector, type Detector } from "../detector.js";

/**
 * AWS access key ids and the other unique ids that share their shape: a four-letter type prefix
 * (AKIA long-term key, ASIA temporary key, AROA role, AIDA user, …) and 16 upper-case letters or digits.
 */
export const awsAccessKeyDetector = regexDetector({
  name: "aws_access_key",
  pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AROA|AIDA|AGPA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  reach: 20 + 1,
  runChars: { inRun: asciiSet(ALNUM), startsAtRunStart: true },
});

/**
 * A secret access key is 40 characters of base64 — indistinguishable from any other 40-character
 * token (hashes, ids, base64 blobs). Matching it bare would flood findings, so it is only a
 * finding right after a label that names it: `aws_secret_access_key = …`, `"SecretAccessKey": "…"`,
 * `AWS_SECRET=…`, `secret: …`. A secret pasted with no label is missed; that is the trade.
 * The finding covers the value only, so a redacted line still says which setting it was.
 */
const LABELLED_SECRET = /(?<![A-Za-z0-9])(?:aws[_-]?)?secret(?:[_-]?access)?(?:[_-]?key)?["']?[ \t]{0,4}(?:=>|[:=])[ \t]{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi;
/** Longest label and separator before the value: `aws_secret_access_key" => "`. */
const LEAD = 21 + 1 + 4 + 2 + 4 + 1;
const SECRET_LENGTH = 40;
const REACH = SECRET_LENGTH + 1;
const LABEL_WORD = /secret/gi;

export const awsSecretKeyDetector: Detector = {
  name: "aws_secret_key",
  reach: REACH,
  find(text, from) {
    LABELLED_SECRET.lastIndex = Math.max(0, from - LEAD);
    for (let m = LABELLED_SECRET.exec(text); m !== null; m = LABELLED_SECRET.exec(text)) {
      const end = m.index + m[0].length;
      if (end - SECRET_LENGTH >= from) return { start: end - SECRET_LENGTH, end };
      LABELLED_SECRET.lastIndex = m.index + 1;
    }
    return null;
  },
  // Near the end only a value right after a "secret" label can still appear; without that word
  // in reach, nothing is held back.
  unsettledFrom(text, from) {
    const floor = reachUnsettled(REACH)(text, from);
    LABEL_WORD.lastIndex = Math.max(0, floor - LEAD);
    const label = LABEL_WORD.exec(text);
    return label === null ? text.length : Math.max(floor, label.index);
  },
};
