import type { StreamError, StreamIdentity, StreamTranslator, UpstreamEvent } from "../providers/dialects/dialect.js";
import type { FrameDecoder } from "../providers/dialects/frames.js";
import { type ChunkInspector, errorEvent } from "../providers/dialects/openai/sse-relay.js";
import { usageChunk } from "../providers/dialects/shared/openai-shapes.js";
import type { Usage } from "../providers/usage.js";
import type { StreamRelay } from "./stream-relay.js";

/**
 * A non-OpenAI stream, translated as it arrives: upstream frames are decoded into events,
 * the dialect's translator turns them into OpenAI chunks, and each chunk goes out as one
 * `data:` event. The usage chunk (when the client asked for it) and `[DONE]` are added
 * here, once the translator has seen the answer finish.
 */
export class TranslatingRelay implements StreamRelay {
  done = false;
  stopped = false;
  error: StreamError | null = null;

  constructor(
    private readonly decoder: FrameDecoder,
    private readonly translator: StreamTranslator,
    private readonly ident: StreamIdentity,
    private readonly clientWantsUsage: boolean,
    private readonly inspector: ChunkInspector | null,
    /** Scrubs the credential out of a provider's in-band error before anyone sees it. */
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

  push(chunk: Buffer): string[] {
    return this.error ? [] : this.translate(this.decoder.push(chunk));
  }

  flush(): string {
    if (this.error) return "";
    const pieces = this.translate(this.decoder.end());
    if (!this.error && this.translator.finished) {
      pieces.push(this.complete());
      this.done = true;
    }
    return pieces.join("");
  }

  complete(): string {
    const usage = this.clientWantsUsage && this.translator.usage ? `data: ${JSON.stringify(usageChunk({ ...this.ident, model: this.translator.model ?? this.ident.model }, this.translator.usage))}\n\n` : "";
    return `${this.inspector?.finish() ?? ""}${usage}data: [DONE]\n\n`;
  }

  errorEvent(error: StreamError): string {
    return errorEvent(error);
  }

  private translate(events: UpstreamEvent[]): string[] {
    const out: string[] = [];
    for (const event of events) {
      for (const chunk of this.translator.push(event)) {
        const verdict = this.inspector?.inspect(chunk as unknown as Record<string, unknown>);
        if (verdict?.stop) {
          this.error = verdict.stop;
          this.stopped = true;
          out.push(errorEvent(verdict.stop));
          return out;
        }
        out.push(verdict?.replace ?? `data: ${JSON.stringify(chunk)}\n\n`);
      }
      if (this.translator.error) {
        // The provider failed after HTTP 200: the client's stream ends with the error; the rest is ignored.
        this.error = this.scrub(this.translator.error);
        out.push(errorEvent(this.error));
        return out;
      }
    }
    return out;
  }
}
