import { StringDecoder } from "node:string_decoder";
import type { UpstreamEvent } from "../dialect.js";

/**
 * Incremental server-sent-events parser for the translated dialects: bytes in (split
 * anywhere, even inside a UTF-8 character), one event per blank line out, with its
 * `event:` name and its `data:` lines joined and parsed as JSON. Comments, `id:` and
 * `retry:` lines are dropped; `data: [DONE]` is not an event any dialect needs. Lines
 * that are no SSE field at all are kept: Google appends a bare JSON error object to a
 * failing stream, and it must surface as an event, not vanish.
 */
export class SseDecoder {
  private readonly text = new StringDecoder("utf8");
  private buffer = "";
  private eventName: string | null = null;
  private data: string | null = null;
  private stray: string[] = [];

  push(bytes: Uint8Array): UpstreamEvent[] {
    this.buffer += this.text.write(bytes as Buffer);
    return this.drain(false);
  }

  /** The upstream ended: an event left without its blank line still counts. */
  end(): UpstreamEvent[] {
    this.buffer += this.text.end();
    return this.drain(true);
  }

  private drain(atEnd: boolean): UpstreamEvent[] {
    const events: UpstreamEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf("\n", start);
      const cr = this.buffer.indexOf("\r", start);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      // A lone CR at the end of a read may be the first half of CRLF: wait for more.
      if (end === cr && cr === this.buffer.length - 1 && !atEnd) break;
      const line = this.buffer.slice(start, end);
      start = end + (end === cr && this.buffer.charCodeAt(cr + 1) === 10 ? 2 : 1);
      this.line(line, events);
    }
    this.buffer = this.buffer.slice(start);
    if (atEnd) {
      if (this.buffer !== "") this.line(this.buffer, events);
      this.buffer = "";
      this.line("", events);
      this.flushStray(events, true);
    }
    return events;
  }

  private line(line: string, events: UpstreamEvent[]): void {
    if (line === "") {
      if (this.data !== null && this.data !== "[DONE]") events.push({ event: this.eventName, data: parseJson(this.data) });
      this.eventName = null;
      this.data = null;
      this.flushStray(events, false);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" comment
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data = this.data === null ? value : `${this.data}\n${value}`;
    else if (field === "event") this.eventName = value;
    else if (field !== "id" && field !== "retry") {
      this.stray.push(line);
      this.flushStray(events, false);
    }
  }

  /** Stray lines become an event once they make a whole JSON document (or at the end, whatever they are). */
  private flushStray(events: UpstreamEvent[], atEnd: boolean): void {
    if (this.stray.length === 0) return;
    const data = parseJson(this.stray.join("\n"));
    if (data === undefined && !atEnd) return;
    events.push({ event: null, data });
    this.stray = [];
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
