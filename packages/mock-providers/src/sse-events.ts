/** Server-sent events as the mock sends them: each string is one complete event, framing included. */

export const DONE_EVENT = "data: [DONE]\n\n";

export function dataEvent(json: string): string {
  return `data: ${json}\n\n`;
}

/**
 * Splits verbatim SSE text into events, each keeping its own bytes and blank-line
 * terminator, so joining them gives back the original text exactly.
 */
export function splitSseEvents(text: string): string[] {
  const events: string[] = [];
  const boundary = /\r?\n\r?\n/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    events.push(text.slice(start, end));
    start = end;
  }
  if (text.slice(start).trim() !== "") events.push(text.slice(start));
  return events;
}

/** A `.chunks.txt` fixture holds one JSON payload per line with the framing stripped: put it back. */
export function frameChunkLines(text: string): string[] {
  const events = chunkLines(text).map(dataEvent);
  events.push(DONE_EVENT);
  return events;
}

/**
 * Index of the final `choices: []` + `usage` event, or -1. OpenAI sends that event
 * only when `stream_options.include_usage` is set, so replays drop it otherwise.
 * Azure's leading `choices: []` event carries no usage and is never matched.
 */
export function trailingUsageEventIndex(events: readonly (string | Uint8Array)[]): number {
  let last = events.length - 1;
  while (last >= 0 && isDoneEvent(events[last]!)) last--;
  const event = events[last];
  return typeof event === "string" && isUsageOnlyEvent(event) ? last : -1;
}

export function isUsageOnlyEvent(event: string): boolean {
  const payload = eventData(event);
  if (payload === undefined) return false;
  try {
    const json: unknown = JSON.parse(payload);
    if (typeof json !== "object" || json === null) return false;
    const { choices, usage } = json as { choices?: unknown; usage?: unknown };
    return Array.isArray(choices) && choices.length === 0 && typeof usage === "object" && usage !== null;
  } catch {
    return false;
  }
}

function isDoneEvent(event: string | Uint8Array): boolean {
  return typeof event === "string" && eventData(event)?.trim() === "[DONE]";
}

/** The event's `data:` lines joined as the SSE spec does; undefined when it has none. */
export function eventData(event: string): string | undefined {
  let data: string | undefined;
  for (const rawLine of event.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (!line.startsWith("data:")) continue;
    const value = line.startsWith("data: ") ? line.slice(6) : line.slice(5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

/** An SSE event with a name, as Anthropic and Cohere frame theirs. */
export function namedEvent(name: string, json: string): string {
  return `event: ${name}\ndata: ${json}\n\n`;
}

/** The non-blank lines of a `.chunks.txt` recording, each one decoded payload. */
export function chunkLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    const payload = line.trim();
    if (payload !== "") lines.push(payload);
  }
  return lines;
}

/**
 * Frames payloads that carry their event name in `type` (Anthropic, Cohere) as
 * `event: <type>` + `data: <payload>`; a payload without a string `type` gets no name.
 */
export function frameTypedChunkLines(text: string): string[] {
  return chunkLines(text).map((payload) => {
    const type = payloadType(payload);
    return type === undefined ? dataEvent(payload) : namedEvent(type, payload);
  });
}

function payloadType(payload: string): string | undefined {
  try {
    const json: unknown = JSON.parse(payload);
    const type = typeof json === "object" && json !== null ? (json as { type?: unknown }).type : undefined;
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}
