/** Below this length, four characters would give away too much of a secret: the hint shows none. */
const MIN_LENGTH_FOR_HINT = 12;

/** "…abcd": enough of a provider key for a person to tell two keys apart, and no more. */
export function keyHint(secret: string): string {
  return secret.length >= MIN_LENGTH_FOR_HINT ? `…${secret.slice(-4)}` : "…";
}
