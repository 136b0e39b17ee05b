import type { ServerResponse } from "node:http";

export interface StreamFaults {
  chunkDelayMs?: number;
  cut?: number;
  stall?: number;
}

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
} as const;

/**
 * One response in flight. Tells a client hang-up apart from the mock's own
 * `reset`/`cut`, because only the former counts as `clientClosedEarly`.
 */
export class Exchange {
  private endedByServer = false;
  private wake: (() => void) | undefined;

  constructor(
    readonly res: ServerResponse,
    onClientClose: () => void,
    isShuttingDown: () => boolean,
  ) {
    res.once("close", () => {
      if (!res.writableFinished && !this.endedByServer && !isShuttingDown()) onClientClose();
      this.wake?.();
    });
  }

  get closed(): boolean {
    return this.res.destroyed;
  }

  /** Waits `ms`; resolves false if the connection closed meanwhile. */
  pause(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(!this.closed);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(false);
      };
    });
  }

  /** Drops the connection with nothing sent, like a reset from a failing upstream. */
  reset(): void {
    this.endedByServer = true;
    this.res.socket?.destroy();
    this.res.destroy();
  }

  /** Flushes what was written, then closes without ending the chunked body: a truncated stream. */
  cut(): void {
    this.endedByServer = true;
    const socket = this.res.socket;
    if (!socket) return void this.res.destroy();
    socket.end(() => socket.destroy());
  }

  sendJson(status: number, body: unknown): void {
    this.sendBody(status, "application/json", JSON.stringify(body));
  }

  sendBody(status: number, contentType: string, body: string | Buffer): void {
    if (this.closed) return;
    this.res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    this.res.end(body);
  }

  /**
   * Sends SSE events. Without faults the pre-joined `whole` body goes out in one
   * write (the load-benchmark path); otherwise event by event, honouring
   * chunk-delay, cut (close after n events) and stall (go silent after n events).
   * `skip` is an event index to leave out, or -1.
   */
  async sendStream(
    status: number,
    events: readonly string[],
    skip: number,
    whole: string | Buffer,
    faults: StreamFaults,
  ): Promise<void> {
    if (this.closed) return;
    this.res.writeHead(status, STREAM_HEADERS);
    const { chunkDelayMs, cut, stall } = faults;
    if (!chunkDelayMs && cut === undefined && stall === undefined) {
      this.res.end(whole);
      return;
    }
    this.res.flushHeaders();
    let sent = 0;
    for (let i = 0; i < events.length; i++) {
      if (i === skip) continue;
      if (sent === cut) return this.cut();
      if (sent === stall) return;
      if (sent > 0 && chunkDelayMs && !(await this.pause(chunkDelayMs))) return;
      if (this.closed) return;
      this.res.write(events[i]!);
      sent++;
    }
    // A cut or stall past the last event still must not look like a clean finish.
    if (cut !== undefined) return this.cut();
    if (stall !== undefined) return;
    this.res.end();
  }
}
