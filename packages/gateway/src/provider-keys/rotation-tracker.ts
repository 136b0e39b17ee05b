import type { Logger } from "pino";
import type { Store } from "../store/index.js";

const DONE: Promise<void> = Promise.resolve();

/**
 * Outcomes of upstream calls made with provider keys, for the rotations in grace. The
 * pipeline calls it after every such call; only the first success (and the first
 * authentication failure) of each key is written, so the hot path costs one set lookup.
 * The returned promises never reject: a failed write is logged and tried again on the
 * key's next call.
 */
export class RotationTracker {
  private readonly succeeded = new Set<string>();
  private readonly authFailed = new Set<string>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  /** The upstream accepted the key (any answer but 401/403). Marks a pending key as having worked during its grace period. */
  recordSuccess(keyId: string, now: number = this.clock()): Promise<void> {
    if (this.succeeded.has(keyId)) return DONE;
    return this.write(this.succeeded, keyId, () => this.store.providerKeys.markNewKeySucceeded(keyId, now));
  }

  /** The upstream refused the key (401/403). Shown on a rotation in grace; it does not end the rotation early. */
  recordAuthFailure(keyId: string, now: number = this.clock()): Promise<void> {
    if (this.authFailed.has(keyId)) return DONE;
    return this.write(this.authFailed, keyId, () => this.store.providerKeys.markNewKeyAuthFailed(keyId, now));
  }

  /** Waits for writes in flight (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all(this.writes);
  }

  private write(recorded: Set<string>, keyId: string, mark: () => Promise<boolean>): Promise<void> {
    recorded.add(keyId);
    const done: Promise<void> = mark()
      .then(
        () => undefined,
        (err: unknown) => {
          recorded.delete(keyId);
          this.log.warn({ providerKey: keyId, err: (err as Error).message }, "could not record a provider key outcome; will record it on the key's next call");
        },
      )
      .finally(() => this.writes.delete(done));
    this.writes.add(done);
    return done;
  }
}
