import type { Logger } from "pino";
import { newId } from "../lib/ids.js";
import type { AuditContentRow, NewAuditRow, Store } from "../store/index.js";
import { AuditChain } from "./chain.js";

export type AuditRecord = NewAuditRow;
export type AuditContent = AuditContentRow;

interface Entry {
  record: AuditRecord;
  content: AuditContent | null;
}

export interface AuditWriterOptions {
  flushIntervalMs: number;
  batchSize: number;
}

/**
 * Collects audit records off the request path and writes them in batches, one
 * transaction each. A batch the database refuses stays queued, in order, and is tried
 * again on the next tick: records are never dropped.
 */
export class AuditWriter {
  private queue: Entry[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** This writer's hash chain: every record it writes is linked into it, in order. */
  readonly chain = new AuditChain(newId("chain"));
  /** Consecutive failed flushes, for /health. */
  failures = 0;
  lastError: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: AuditWriterOptions,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs);
    this.timer.unref();
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues a record, with the prompt and completion when a rule asked to log them. */
  write(record: AuditRecord, content: AuditContent | null = null): void {
    this.queue.push({ record: this.chain.link(record, content), content });
    if (this.queue.length >= this.options.batchSize && !this.flushing) setImmediate(() => void this.flush());
  }

  /** Writes everything queued now; resolves when that attempt is over (it may have failed). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return Promise.resolve();
    this.flushing = this.writeQueued().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.batchSize);
      try {
        await this.store.audit.insertMany(
          batch.map((e) => e.record),
          batch.flatMap((e) => (e.content ? [e.content] : [])),
        );
      } catch (err) {
        this.failures++;
        this.lastError = (err as Error).message;
        this.log.error({ err: this.lastError, pending: this.queue.length }, "audit batch not written; will retry");
        return;
      }
      this.queue.splice(0, batch.length);
      this.failures = 0;
      this.lastError = null;
    }
  }

  /** Stops the timer and writes everything, retrying for up to `timeoutMs`. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length > 0 || this.flushing) {
      await this.flush();
      if (this.queue.length === 0) break;
      if (Date.now() > deadline) {
        this.log.error({ pending: this.queue.length }, "audit records could not be written before shutdown");
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
