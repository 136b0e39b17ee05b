/** A content guard that cannot be compiled: an unknown detector or an unusable custom pattern. */
export class ContentGuardError extends Error {
  constructor(
    /** The detector entry at fault, as written in the rule ("custom:acme-ids", "pack:nope"). */
    readonly detector: string,
    message: string,
  ) {
    super(message);
    this.name = "ContentGuardError";
  }
}
