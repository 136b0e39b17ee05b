import type { ServerResponse } from "node:http";

export interface StreamFaults {
  chunkDelayMs?: number;
  cut?: number;
  stall?: number;
}

/** A stream answer: SSE events, or binary AWS event-stream messages, one element per event. */
export interface StreamBody {
  contentType: string;
  events: readonly (string | Uint8Array)[];
  /** The events pre-joined, so a replay without faults is a single write; joined on demand when absent. */
  whole?: string | Uint8Array;
}

export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";

export type ExtraHeaders = Readonly<Record<string, string>>;

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

  sendJson(status: number, body: unknown, headers: ExtraHeaders = {}): void {
    this.sendBody(status, "application/json", JSON.stringify(body), headers);
  }

  sendBody(status: number, contentType: string, body: string | Uint8Array, headers: ExtraHeaders = {}): void {
    if (this.closed) return;
    const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    this.res.writeHead(status, { ...headers, "content-type": contentType, "content-length": length });
    this.res.end(body);
  }

  /**
   * Sends a stream. Without faults the pre-joined body goes out in one write (the
   * load-benchmark path); otherwise event by event, honouring chunk-delay, cut
   * (close after n events) and stall (go silent after n events), so faults work
   * the same on SSE text and on binary event-stream messages.
   * `skip` is an event index to leave out, or -1.
   */
  async sendStream(
    status: number,
    stream: StreamBody,
    faults: StreamFaults,
    skip = -1,
    headers: ExtraHeaders = {},
  ): Promise<void> {
    if (this.closed) return;
    const { events } = stream;
    this.res.writeHead(status, { ...headers, "content-type": stream.contentType, "cache-control": "no-cache" });
    const { chunkDelayMs, cut, stall } = faults;
    if (!chunkDelayMs && cut === undefined && stall === undefined) {
      this.res.end(stream.whole ?? joinEvents(events, skip));
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

/** The events as one body, leaving out index `skip` (-1 for none). */
export function joinEvents(events: readonly (string | Uint8Array)[], skip = -1): string | Buffer {
  const kept = skip === -1 ? events : events.filter((_, i) => i !== skip);
  if (kept.every((e): e is string => typeof e === "string")) return kept.join("");
  return Buffer.concat(kept.map((e) => (typeof e === "string" ? Buffer.from(e) : e)));
}
