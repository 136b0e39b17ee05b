import type { UpstreamEvent } from "./dialect.js";

/** Decodes a streamed body's frames into events, bytes split anywhere. */
export interface FrameDecoder {
  push(bytes: Uint8Array): UpstreamEvent[];
  end(): UpstreamEvent[];
}

export type Framing = "sse" | "aws-eventstream";

/** The content type a streamed answer of this framing arrives with. */
export function isStreamContentType(framing: Framing, contentType: string): boolean {
  return framing === "sse" ? contentType.includes("text/event-stream") : contentType.includes("application/vnd.amazon.eventstream");
}
