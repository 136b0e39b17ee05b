import type { AuditContentRow, NewAuditRow, Store } from "../store/index.js";

export interface DatabaseAttemptsOptions {
  /** An attempt still unanswered after this long is given up on (it may still land: replay skips stored ids). */
  timeoutMs: number;
  /** SQLite: how long an audit insert waits for another connection's lock. */
  sqliteBusyTimeoutMs: number;
}

const deadlineReached = () => new Error("audit shutdown deadline reached");

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The audit writer's calls to the database, each bounded in time: by a timeout, and by a
 * shutdown deadline that also cuts short the attempts already under way.
 */
export class DatabaseAttempts {
  private deadline = Number.POSITIVE_INFINITY;
  private cut: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<(err: Error) => void>();

  constructor(
    private readonly store: Store,
    private readonly options: DatabaseAttemptsOptions,
  ) {}

  get pastDeadline(): boolean {
    return Date.now() >= this.deadline;
  }

  /** No attempt runs past `at`; those under way then fail at once. */
  setDeadline(at: number): void {
    this.deadline = at;
    if (this.cut) clearTimeout(this.cut);
    this.cut = setTimeout(() => {
      for (const fail of this.inFlight) fail(deadlineReached());
    }, Math.max(0, at - Date.now()));
    this.cut.unref();
  }

  /** Records, their logged contents and the chain heads they move, in one transaction. */
  insert(records: NewAuditRow[], contents: AuditContentRow[]): Promise<void> {
    return this.attempt(() => this.insertNow(records, contents));
  }

  /** Runs `work` unless past the deadline, and gives up on it after the timeout or at the deadline. */
  attempt<T>(work: () => Promise<T>): Promise<T> {
    const ms = Math.min(this.options.timeoutMs, this.deadline - Date.now());
    if (ms <= 0) return Promise.reject(deadlineReached());
    let running: Promise<T>;
    try {
      running = work();
    } catch (err) {
      return Promise.reject(asError(err));
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`audit database write did not finish within ${ms} ms`)), ms);
      const done = () => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
      };
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      this.inFlight.add(fail);
      running.then(
        (value) => {
          done();
          resolve(value);
        },
        (err: unknown) => fail(asError(err)),
      );
    });
  }

  /** "ok" or the error if `work` settles within `ms`, "slow" if it is still running then. */
  settledWithin(work: Promise<unknown>, ms: number): Promise<"ok" | "slow" | Error> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve("slow"), ms);
      work.then(
        () => {
          clearTimeout(timer);
          resolve("ok");
        },
        (err: unknown) => {
          clearTimeout(timer);
          resolve(asError(err));
        },
      );
    });
  }

  private insertNow(records: NewAuditRow[], contents: AuditContentRow[]): Promise<void> {
    const sqlite = this.store.connection.sqlite;
    if (!sqlite || records.length === 0) return this.store.audit.insertMany(records, contents);
    // better-sqlite3 waits for a lock synchronously, stalling every request meanwhile: an audit
    // batch waits briefly, then goes to the spool. The SQLite insert runs within this call,
    // so the connection's own timeout is back before any other statement can run.
    const previous = Number(sqlite.pragma("busy_timeout", { simple: true }));
    sqlite.pragma(`busy_timeout = ${this.options.sqliteBusyTimeoutMs}`);
    try {
      return this.store.audit.insertMany(records, contents);
    } finally {
      sqlite.pragma(`busy_timeout = ${previous}`);
    }
  }
}
