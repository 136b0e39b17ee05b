/** One server-sent event: its `event:` name (null when unnamed) and its `data:` lines joined by "\n". */
export interface SseEvent {
  event: string | null;
  data: string;
}

/**
 * Turns text, in pieces of any size, into server-sent events. Lines may end in \n, \r\n
 * or \r, and a \r\n may be split across two pieces; comments (`:` lines) and fields other
 * than `event` and `data` are skipped. An event is dispatched at its blank line only.
 */
export class SseDecoder {
  private buffer = "";
  private event: string | null = null;
  private data: string[] = [];

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf("\r", start);
      const lf = this.buffer.indexOf("\n", start);
      if (cr < 0 && lf < 0) break;
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      // A \r at the very end may be the first half of a \r\n: wait for the next piece.
      if (end === cr && cr === this.buffer.length - 1) break;
      const next = end === cr && this.buffer[cr + 1] === "\n" ? cr + 2 : end + 1;
      const event = this.line(this.buffer.slice(start, end));
      if (event) events.push(event);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** The stream is over: a trailing line is processed; an event without its blank line is incomplete and dropped. */
  end(): SseEvent[] {
    const rest = this.buffer;
    this.buffer = "";
    // Only a held-back \r can end a line here; an unterminated line never completes an event.
    const event = rest.endsWith("\r") ? this.line(rest.slice(0, -1)) : rest === "" ? null : (this.line(rest), null);
    return event ? [event] : [];
  }

  private line(line: string): SseEvent | null {
    if (line === "") {
      if (this.data.length === 0) {
        this.event = null;
        return null;
      }
      const event = { event: this.event, data: this.data.join("\n") };
      this.event = null;
      this.data = [];
      return event;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    return null;
  }
}
