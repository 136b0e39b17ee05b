import type { StreamError } from "../providers/dialects/dialect.js";
import type { Usage } from "../providers/usage.js";

/**
 * Turns an upstream stream's bytes into what the client receives, noting what the audit
 * needs on the way. One per call; the OpenAI dialect forwards bytes (SseRelay), other
 * dialects translate (TranslatingRelay), native routes forward and only read (NativeRelay).
 */
export interface StreamRelay {
  /** Raw upstream bytes in; the pieces to write now, in order. */
  push(chunk: Buffer): Array<string | Buffer>;
  /** The upstream body ended: anything still held, and the end of a finished answer. */
  flush(): string | Buffer;
  /** Closes an answer that finished without the upstream's end marker. */
  complete(): string;
  /** The event that ends the client's stream with an error, in this wire's shape. */
  errorEvent(error: StreamError): string;
  readonly usage: Usage | null;
  readonly upstreamModel: string | null;
  /** The stream reached its end marker. */
  readonly done: boolean;
  /** The answer is complete (a finish reason was seen). */
  readonly finished: boolean;
  /** An in-band error (or a guard's verdict) that ends the stream. */
  readonly error: StreamError | null;
  /** A response guard stopped the answer: nothing more is forwarded. */
  readonly stopped: boolean;
}
