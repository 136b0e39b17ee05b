import type { StreamError, StreamTranslator } from "../providers/dialects/dialect.js";
import type { FrameDecoder } from "../providers/dialects/frames.js";
import type { ChunkInspector } from "../providers/dialects/openai/sse-relay.js";
import type { Usage } from "../providers/usage.js";
import type { StreamRelay } from "./stream-relay.js";

/**
 * A native pass-through stream: the provider's bytes go to the client untouched (its own
 * SDK reads them), while the dialect's translator reads the same events for the audit —
 * usage, model, the end, and in-band errors. A response guard can stop the answer (deny)
 * or count findings (alert); it cannot rewrite native bytes.
 */
export class NativeRelay implements StreamRelay {
  done = false;
  stopped = false;
  error: StreamError | null = null;

  constructor(
    private readonly decoder: FrameDecoder,
    private readonly translator: StreamTranslator,
    private readonly inspector: ChunkInspector | null,
    private readonly nativeErrorEvent: (error: StreamError) => string,
  ) {}

  get usage(): Usage | null {
    return this.translator.usage;
  }

  get upstreamModel(): string | null {
    return this.translator.model;
  }

  get finished(): boolean {
    return this.translator.finished;
  }

  push(chunk: Buffer): Array<string | Buffer> {
    const stop = this.read(this.decoder.push(chunk));
    if (stop) return [this.nativeErrorEvent(stop)];
    return [chunk];
  }

  flush(): string {
    const stop = this.read(this.decoder.end());
    if (stop) return this.nativeErrorEvent(stop);
    if (!this.error && this.translator.finished) this.done = true;
    return "";
  }

  complete(): string {
    return "";
  }

  errorEvent(error: StreamError): string {
    return this.nativeErrorEvent(error);
  }

  /** Returns a guard's stop verdict, which replaces the bytes that triggered it. */
  private read(events: ReturnType<FrameDecoder["push"]>): StreamError | null {
    for (const event of events) {
      for (const chunk of this.translator.push(event)) {
        const verdict = this.inspector?.inspect(chunk as unknown as Record<string, unknown>);
        if (verdict?.stop) {
          this.error = verdict.stop;
          this.stopped = true;
          return verdict.stop;
        }
      }
      // The provider's own error event reaches the client with the bytes; the audit records the failure.
      if (this.translator.error && !this.error) this.error = this.translator.error;
    }
    return null;
  }
}
