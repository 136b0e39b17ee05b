import type { Logger } from "pino";
import { newId } from "../lib/ids.js";
import type { AuditContentRow, NewAuditRow, Store } from "../store/index.js";
import { AuditChain } from "./chain.js";
import { DatabaseAttempts } from "./durable-attempts.js";
import type { AuditDurability } from "./durability.js";
import { AuditSpool } from "./spool.js";
import { unstoredEntries } from "./spool-replay.js";

export type AuditRecord = NewAuditRow;
export type AuditContent = AuditContentRow;
export type { AuditDurability } from "./durability.js";

export interface AuditWriterOptions {
  flushIntervalMs: number;
  batchSize: number;
  /** Where records the database cannot take wait, fsynced, until it can (`<dataDir>/audit-spool`). */
  spoolDir: string;
  /** `batch` (default): a record is kept once queued. `sync`: writeDurable() waits until it is committed or spooled. */
  durability?: AuditDurability;
  /** A database write still unanswered after this long: the queue, its batch included, goes to the spool meanwhile. Default 250. */
  slowWriteMs?: number;
  /** A database write still unanswered after this long counts as failed, and replay tries again. Default 10000. */
  writeTimeoutMs?: number;
  /** SQLite: how long an audit write waits for another connection's lock (blocking the event loop) before spooling. Default 200. */
  sqliteBusyTimeoutMs?: number;
  /** Longest pause between replay attempts while the database is away. Default 2000. */
  maxRetryMs?: number;
  spoolSegmentBytes?: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

const RESOLVED = Promise.resolve();

/**
 * Collects audit records off the request path and writes them in batches, one transaction
 * each, in the order they were linked into this writer's hash chain.
 *
 * Two modes. `direct`: the queue goes straight to the database. `spooling` (entered when a
 * write fails or is slow): the queue goes to the local spool every flush interval, and the
 * spool is replayed into the database oldest first; once it is empty, back to `direct`.
 * Only one of the two consumes the queue at a time, so records keep their chain order and
 * none is dropped or written twice.
 */
export class AuditWriter {
  /** This writer's hash chain: every record it writes is linked into it, in order. */
  readonly chain = new AuditChain(newId("chain"));
  private queue: AuditRecord[] = [];
  /** Logged prompts and completions by record id; most records have none. */
  private contents = new Map<string, AuditContent>();
  private readonly spool: AuditSpool;
  private readonly db: DatabaseAttempts;
  private mode: "direct" | "spooling" = "direct";
  /** Sync-mode callers, by chain position; everything up to a position is kept at once. */
  private readonly waiters: Waiter[] = [];
  /** The database pass under way (direct writes, or replay). */
  private flushing: Promise<void> | null = null;
  /** The append of the queue to the spool under way. */
  private spilling: Promise<boolean> | null = null;
  /** A direct write that was still running when the writer turned to the spool; replay waits for it. */
  private lingering: Promise<void> | null = null;
  private tickScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  private closed = false;
  /** close() is over: a straggler goes straight to the spool. */
  private drained = false;
  private retryAt = 0;
  private retryDelayMs: number;
  private replayed = 0;
  private failedFlushes = 0;
  private error: string | null = null;
  private readonly slowWriteMs: number;
  private readonly maxRetryMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: AuditWriterOptions,
    private readonly log: Logger,
  ) {
    if (!options.spoolDir) throw new Error("AuditWriter needs a spoolDir: where records wait while the database is away");
    this.slowWriteMs = options.slowWriteMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 2000;
    this.retryDelayMs = Math.max(1, options.flushIntervalMs);
    this.db = new DatabaseAttempts(store, { timeoutMs: options.writeTimeoutMs ?? 10_000, sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs ?? 200 });
    const segmentBytes = options.spoolSegmentBytes;
    this.spool = AuditSpool.open(options.spoolDir, log, segmentBytes === undefined ? {} : { maxSegmentBytes: segmentBytes });
    this.timer = setInterval(() => this.tick(), options.flushIntervalMs);
    this.timer.unref();
    if (!this.spool.isEmpty) {
      this.mode = "spooling";
      log.warn({ spooled: this.spool.records, dir: this.spool.dir }, "audit records left in the spool by a previous run: replaying them before any new ones");
      this.schedule();
    }
  }

  get durability(): AuditDurability {
    return this.options.durability ?? "batch";
  }

  /** Records in memory, not yet in the database or the spool. */
  get pending(): number {
    return this.queue.length;
  }

  /** Records in the spool, waiting for the database. */
  get spooled(): number {
    return this.spool.records;
  }

  /** Consecutive failed database writes, for /health. */
  get failures(): number {
    return this.failedFlushes;
  }

  get lastError(): string | null {
    return this.error;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues a record (with the prompt and completion when a rule asked to log them). O(1), no I/O. */
  write(record: AuditRecord, content: AuditContent | null = null): void {
    this.chain.link(record, content);
    if (this.drained) {
      this.spoolStraggler(record, content);
      return;
    }
    this.queue.push(record);
    if (content) this.contents.set(record.id, content);
    if (this.queue.length >= this.options.batchSize) this.schedule();
  }

  /**
   * Batch mode: write(), resolved at once. Sync mode: resolves once the record is committed
   * to the database, or fsynced to the spool while the database is away or slow. Records
   * waiting together are committed together (one transaction), right away rather than on the timer.
   */
  writeDurable(record: AuditRecord, content: AuditContent | null = null): Promise<void> {
    if (this.durability !== "sync") {
      this.write(record, content);
      return RESOLVED;
    }
    if (this.drained) {
      this.chain.link(record, content);
      return this.spoolStraggler(record, content) ? RESOLVED : Promise.reject(new Error("audit record could not be kept after shutdown"));
    }
    this.write(record, content);
    const seq = this.chain.headSeq;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.schedule();
    });
  }

  /**
   * One database pass: writes what is queued (or spools it and replays the spool); resolves
   * when it is over, whatever came of it. With the database answering, everything queued
   * before the call is in the database when it resolves.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.isDirect() && this.queue.length === 0) return RESOLVED;
    this.flushing = this.pass().then(
      (progressed) => {
        this.flushing = null;
        // Sync callers that arrived while this pass was busy need not wait for the timer.
        if (progressed && this.waiters.length > 0 && this.queue.length > 0) this.schedule();
      },
      (err: unknown) => {
        this.flushing = null;
        this.noteFailure(err, "audit flush failed unexpectedly; will retry");
      },
    );
    return this.flushing;
  }

  /**
   * Stops the timer and writes everything to the database; what the database has not taken
   * by the deadline (or at all, if it is down) is spooled, fsynced, for the next start.
   */
  close(timeoutMs = 10_000): Promise<void> {
    return (this.closing ??= this.drain(timeoutMs));
  }

  // A method, not a field test: the mode changes across awaits, which TypeScript's narrowing does not see.
  private isDirect(): boolean {
    return this.mode === "direct";
  }

  private tick(): void {
    if (this.mode === "spooling") void this.spillNow();
    void this.flush();
  }

  private schedule(): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    setImmediate(() => {
      this.tickScheduled = false;
      this.tick();
    });
  }

  /** True if any record was kept (in the database or the spool). */
  private async pass(): Promise<boolean> {
    let progressed = false;
    if (this.isDirect()) {
      progressed = await this.writeQueue();
      if (this.isDirect()) return progressed;
    }
    if (await this.spillNow()) progressed = true;
    if (this.lingering) await this.lingering;
    if (Date.now() >= this.retryAt && (await this.replay())) progressed = true;
    // The spool ran dry: what queued meanwhile goes straight to the database.
    if (this.isDirect() && (await this.writeQueue())) progressed = true;
    return progressed;
  }

  /** Direct mode: the queue to the database, a batch per transaction. */
  private async writeQueue(): Promise<boolean> {
    let progressed = false;
    while (this.isDirect() && this.queue.length > 0) {
      const n = Math.min(this.queue.length, this.options.batchSize);
      const records = this.queue.slice(0, n);
      const write = this.db.insert(records, this.contentsOf(records));
      const outcome = await this.db.settledWithin(write, this.slowWriteMs);
      // The queue is the spill's now (a slow write, or close()): this batch went to the spool with it.
      if (!this.isDirect()) return progressed;
      if (outcome === "slow") {
        this.lingering = write.then(
          () => this.noteSuccess(),
          (err: unknown) => this.noteFailure(err, "audit batch not written to the database; it is in the spool"),
        ).finally(() => {
          this.lingering = null;
        });
        this.toSpool("audit database slow to answer; spooling records until it catches up", null);
        return progressed;
      }
      if (outcome !== "ok") {
        this.toSpool("audit batch not written to the database; spooling it and retrying", outcome);
        return progressed;
      }
      this.queue.splice(0, n);
      this.kept(records);
      this.noteSuccess();
      progressed = true;
    }
    return progressed;
  }

  private toSpool(message: string, err: Error | null): void {
    this.mode = "spooling";
    if (err) this.noteFailure(err, message);
    else this.log.warn({ pending: this.queue.length }, message);
  }

  private spillNow(): Promise<boolean> {
    this.spilling ??= this.spill().finally(() => {
      this.spilling = null;
    });
    return this.spilling;
  }

  /** Spooling mode: the whole queue to the spool, behind what is there (one fsync). */
  private async spill(): Promise<boolean> {
    const n = this.queue.length;
    if (this.mode !== "spooling" || n === 0) return false;
    const records = this.queue.slice(0, n);
    try {
      await this.spool.append(records.map((record) => ({ record, content: this.contents.get(record.id) ?? null })));
    } catch (err) {
      this.noteFailure(err, "audit records could not be spooled either; keeping them in memory and retrying");
      return false;
    }
    this.queue.splice(0, n);
    this.kept(records);
    return true;
  }

  /** Spooling mode: the spool into the database, oldest first, a batch per transaction; `direct` again once it is empty. */
  private async replay(): Promise<boolean> {
    let progressed = false;
    for (;;) {
      try {
        const entries = await this.spool.peek(this.options.batchSize);
        if (entries.length === 0) {
          if (this.spilling) {
            await this.spilling;
            continue;
          }
          if (this.spool.isEmpty) this.mode = "direct";
          break;
        }
        const fresh = await this.db.attempt(() => unstoredEntries(this.store.connection.db, entries));
        await this.db.insert(fresh.map((e) => e.record), fresh.flatMap((e) => (e.content ? [e.content] : [])));
        await this.spool.commit(entries.length);
        this.replayed += entries.length;
      } catch (err) {
        this.noteFailure(err, "audit spool not replayed into the database; will retry");
        return progressed;
      }
      progressed = true;
      this.noteSuccess();
    }
    if (this.replayed > 0) {
      this.log.info({ records: this.replayed }, "audit spool replayed into the database");
      this.replayed = 0;
    }
    return progressed;
  }

  private contentsOf(records: AuditRecord[]): AuditContent[] {
    if (this.contents.size === 0) return [];
    const out: AuditContent[] = [];
    for (const r of records) {
      const c = this.contents.get(r.id);
      if (c) out.push(c);
    }
    return out;
  }

  /** These records, the oldest in the queue, are in the database or the spool. */
  private kept(records: AuditRecord[]): void {
    if (this.contents.size > 0) for (const r of records) this.contents.delete(r.id);
    const seq = records[records.length - 1]?.chain_seq ?? 0;
    while (this.waiters.length > 0 && this.waiters[0]!.seq <= seq) this.waiters.shift()!.resolve();
  }

  private noteFailure(err: unknown, message: string): void {
    const text = err instanceof Error ? err.message : String(err);
    const news = this.failedFlushes === 0 || text !== this.error;
    this.failedFlushes++;
    this.error = text;
    this.retryAt = Date.now() + this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.maxRetryMs);
    const fields = { err: text, pending: this.queue.length, spooled: this.spool.records, failedFlushes: this.failedFlushes };
    if (news) this.log.error(fields, message);
    else this.log.debug(fields, message);
  }

  private noteSuccess(): void {
    if (this.failedFlushes > 0) this.log.info({ afterFailures: this.failedFlushes, spooled: this.spool.records }, "audit database writes resumed");
    this.failedFlushes = 0;
    this.error = null;
    this.retryAt = 0;
    this.retryDelayMs = Math.max(1, this.options.flushIntervalMs);
  }

  private spoolStraggler(record: AuditRecord, content: AuditContent | null): boolean {
    try {
      this.spool.appendSync([{ record, content }]);
      this.log.warn({ id: record.id }, "audit record arrived after shutdown: spooled for the next start");
      return true;
    } catch (err) {
      this.log.error({ err: (err as Error).message, id: record.id }, "audit record arrived after shutdown and could not be spooled: lost");
      return false;
    }
  }

  private async drain(timeoutMs: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closed = true;
    this.db.setDeadline(Date.now() + timeoutMs);
    // Offer everything to the database until it is all there, the database refuses, or time is up.
    while ((this.queue.length > 0 || !this.spool.isEmpty || this.flushing) && !this.db.pastDeadline) {
      const failuresBefore = this.failedFlushes;
      this.retryAt = 0;
      await this.flush();
      if (this.failedFlushes > failuresBefore) break;
    }
    // The rest to disk, for the next start.
    this.db.setDeadline(Date.now());
    this.mode = "spooling";
    while (this.queue.length > 0) {
      const failuresBefore = this.failedFlushes;
      await this.spillNow();
      if (this.failedFlushes > failuresBefore) break;
    }
    if (this.flushing) await this.flushing;
    this.drained = true;
    if (this.queue.length > 0) {
      this.log.error({ lost: this.queue.length, err: this.error }, "audit records could be written neither to the database nor to the spool before shutdown");
      const err = new Error(`audit record not kept: ${this.error ?? "shutdown"}`);
      for (const w of this.waiters.splice(0)) w.reject(err);
    }
    if (!this.spool.isEmpty) {
      this.log.warn({ spooled: this.spool.records, dir: this.spool.dir }, "audit records left in the spool: they are written to the database on the next start");
    }
    await this.spool.close();
  }
}
