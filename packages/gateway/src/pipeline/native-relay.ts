import type { StreamError, StreamTranslator } from "../providers/dialects/dialect.js";
import type { FrameDecoder } from "../providers/dialects/frames.js";
import type { ChunkInspector } from "../providers/dialects/openai/sse-relay.js";
import type { Usage } from "../providers/usage.js";
import type { StreamRelay } from "./stream-relay.js";

/**
 * A native pass-through stream: the provider's bytes go to the client untouched (its own
 * SDK reads them), while the dialect's translator reads the same events for the audit —
 * usage, model, the end, and in-band errors. A response guard can stop the answer (deny)
 * or count findings (alert); it cannot rewrite native bytes. While a deny guard holds back
 * text that may still become a match, the bytes carrying it are held too, so a match never
 * leaves before the guard has judged it.
 */
export class NativeRelay implements StreamRelay {
  done = false;
  stopped = false;
  error: StreamError | null = null;
  /** Provider bytes not yet sent: they carry text the guard still holds back. */
  private held: Buffer[] = [];
  /** Characters of text the guard has read but not yet released. */
  private owed = 0;
  /** Choices whose text the guard has read, to settle at the end. */
  private readonly choices = new Set<number>();

  constructor(
    private readonly decoder: FrameDecoder,
    private readonly translator: StreamTranslator,
    private readonly inspector: ChunkInspector | null,
    private readonly nativeErrorEvent: (error: StreamError) => string,
    /** Scrubs the credential out of a provider's in-band error before the audit keeps it. */
    private readonly scrub: (error: StreamError) => StreamError = (e) => e,
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
    if (this.owed === 0 && this.held.length === 0) return [chunk];
    this.held.push(chunk);
    return this.owed > 0 ? [] : this.held.splice(0);
  }

  flush(): string {
    let stop = this.read(this.decoder.end());
    // A choice that never finished still owes its held-back text: a finish settles it.
    if (!stop && this.owed > 0) stop = this.inspect({ choices: [...this.choices].map((index) => ({ index, delta: {}, finish_reason: "stop" })) });
    if (stop) return this.nativeErrorEvent(stop);
    if (!this.error && this.translator.finished) this.done = true;
    // Held to the end of an answer that never finished: they run to the end of the body and
    // decode whole (flush() returns text; only a character split by the last send could suffer).
    return Buffer.concat(this.held.splice(0)).toString("utf8");
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
        const stop = this.inspect(chunk as unknown as Record<string, unknown>);
        if (stop) return stop;
      }
      // The provider's own error event reaches the client with the bytes; the audit records the failure.
      if (this.translator.error && !this.error) this.error = this.scrub(this.translator.error);
    }
    return null;
  }

  /** One translated chunk through the guard: its stop verdict, and how much text it now holds back. */
  private inspect(chunk: Record<string, unknown>): StreamError | null {
    if (!this.inspector) return null;
    const received = textLength(chunk, this.choices);
    const verdict = this.inspector.inspect(chunk);
    if (verdict?.stop) {
      this.error = verdict.stop;
      this.stopped = true;
      this.held = [];
      return verdict.stop;
    }
    // The guard shortens a delta it holds text back from, and lengthens one it releases text into.
    this.owed += received - textLength(chunk);
    return null;
  }
}

/** Characters of text in a chunk's deltas; notes the choices that carry some. */
function textLength(chunk: Record<string, unknown>, seen?: Set<number>): number {
  let n = 0;
  for (const choice of (Array.isArray(chunk.choices) ? chunk.choices : []) as Array<{ index?: unknown; delta?: { content?: unknown } }>) {
    const content = choice?.delta?.content;
    if (typeof content !== "string") continue;
    n += content.length;
    seen?.add(typeof choice.index === "number" ? choice.index : 0);
  }
  return n;
}
