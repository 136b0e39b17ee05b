import type { Directives } from "./directives.js";

export interface MockRequestRecord {
  method: string;
  /** The path without its query string. */
  path: string;
  /** The path with its query string, as the client sent it (Gemini's `?alt=sse`, `?key=`). */
  url: string;
  directives: Directives;
  headers: Record<string, string | string[] | undefined>;
  /**
   * Parsed JSON; for a multipart upload its text fields plus, per file field,
   * `{filename, type, size, sha256}`; the raw text when the body was neither.
   */
  body: unknown;
  receivedAt: number;
  /** True when the client closed the connection before the response finished. */
  clientClosedEarly: boolean;
}

interface Waiter {
  resolve: (record: MockRequestRecord) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_CLIENT_CLOSE_TIMEOUT_MS = 5_000;

/**
 * Every request in arrival order, plus early client closes handed out once each, so
 * an abort test may call `waitForClientClose` before or after the abort happens.
 */
export class RequestLog {
  /** Cleared in place by `reset()`, so a reference held by a test stays live. */
  readonly requests: MockRequestRecord[] = [];
  private unclaimedCloses: MockRequestRecord[] = [];
  private waiters: Waiter[] = [];

  add(record: MockRequestRecord): void {
    this.requests.push(record);
  }

  markClientClosed(record: MockRequestRecord): void {
    if (record.clientClosedEarly) return;
    record.clientClosedEarly = true;
    const waiter = this.waiters.shift();
    if (!waiter) {
      this.unclaimedCloses.push(record);
      return;
    }
    clearTimeout(waiter.timer);
    waiter.resolve(record);
  }

  waitForClientClose(timeoutMs = DEFAULT_CLIENT_CLOSE_TIMEOUT_MS): Promise<MockRequestRecord> {
    const ready = this.unclaimedCloses.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`mock provider: no request was closed early by its client within ${timeoutMs}ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  reset(): void {
    this.requests.length = 0;
    this.unclaimedCloses = [];
  }

  /** Rejects pending waits so a test that closes the mock is not left hanging. */
  close(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("mock provider closed while waiting for a client close"));
    }
    this.waiters = [];
  }
}
