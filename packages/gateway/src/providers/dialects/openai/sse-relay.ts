import type { StreamRelay } from "../../../pipeline/stream-relay.js";
import type { StreamError } from "../dialect.js";
import { ToolCallDeltas } from "./tool-call-deltas.js";
import { readOpenAIUsage, type Usage } from "./usage.js";

export type { StreamError } from "../dialect.js";

const LF = Buffer.from("\n");
const CRLF = Buffer.from("\r\n");
const LF_BOUNDARY = Buffer.from("\n\n");
const CRLF_BOUNDARY = Buffer.from("\r\n\r\n");
const FINISH_TEXT = '"finish_reason":"';
const DONE_TEXT = "data: [DONE]";
/**
 * Usage objects, errors (Groq's `event: error` carries an "error" object too) and finish
 * reasons. All start with a quote, which keeps the regex on its fast path; [DONE] is
 * always the final event, so it is checked at the end of a read instead.
 */
const MARKERS = /"(?:usage":\{|error"|finish_reason":"|tool_calls":\[)/g;
const PADDING_TEXT = '"obfuscation":"';

/**
 * Reads (and may rewrite) every chunk of a stream, for response guards and content
 * logging. With an inspector set, every event is decoded: that cost is only paid by
 * calls whose policy asks for it.
 */
export interface ChunkInspector {
  /** A parsed data chunk; may return replacement event text, or an error that ends the stream. */
  inspect(chunk: Record<string, unknown>): { replace?: string; stop?: StreamError } | undefined;
  /** Text to send before the end of the stream (e.g. held-back text), as whole events. */
  finish(): string;
}

/**
 * Watches an OpenAI-dialect SSE stream on its way to the client, event by event:
 * captures usage, notices the end and in-band errors, and drops the usage-only chunk
 * the gateway asked for on the client's behalf. Events the client should see are
 * returned verbatim; stretches holding nothing of interest are forwarded without being
 * decoded.
 */
export class SseRelay implements StreamRelay {
  usage: Usage | null = null;
  upstreamModel: string | null = null;
  /** Saw `data: [DONE]`. */
  done = false;
  /** Saw a chunk with a finish_reason. */
  finished = false;
  error: StreamError | null = null;
  private pending: Buffer | null = null;
  private readonly toolCalls = new ToolCallDeltas();
  private separator: Buffer | null = null;

  /** An inspector ended the stream; nothing more should be forwarded. */
  stopped = false;

  constructor(
    private readonly clientWantsUsage: boolean,
    private readonly inspector: ChunkInspector | null = null,
    /** Scrubs the credential out of a provider's in-band error before anyone sees it. */
    private readonly scrub: (error: StreamError) => StreamError = (e) => e,
  ) {}

  /** Feeds raw upstream bytes; returns the pieces to forward now, in order (often the read itself). */
  push(chunk: Buffer): Buffer[] {
    // A provider's in-band error ends the answer: nothing it sends after it goes on.
    if (this.error) return [];
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    // Servers frame with LF or CRLF; decide once, so each boundary costs one search.
    this.separator ??= data.includes(CRLF) ? CRLF_BOUNDARY : data.includes(LF) ? LF_BOUNDARY : null;
    const sep = this.separator;
    const last = sep ? data.lastIndexOf(sep) : -1;
    if (last < 0) {
      this.pending = data;
      return [];
    }
    const end = last + sep!.length;
    const complete = end === data.length ? data : data.subarray(0, end);
    this.pending = end === data.length ? null : Buffer.from(data.subarray(end));
    let text = complete.toString("latin1");
    if (text.includes(PADDING_TEXT)) {
      // One regex pass over the latin1 view (exact byte round trip); measured cheaper than cutting with indexOf and copies.
      text = text.replace(PADDING_FIELD, "");
      return this.relayRegion(Buffer.from(text, "latin1"), sep!, text);
    }
    return this.relayRegion(complete, sep!, text);
  }

  /**
   * Forwards a run of complete events. One regex pass over a latin1 view (latin1: one
   * character per byte, so positions are byte offsets) finds the few events worth
   * reading — usage, errors, named events — plus the finish and [DONE] flags; every
   * other byte goes on as the provider sent it. Measured on a 100 KB answer: ~25 µs,
   * against ~45 µs for each Buffer.indexOf scan it replaces.
   */
  private relayRegion(region: Buffer, sep: Buffer, text: string): Buffer[] {
    const sepText = sep === CRLF_BOUNDARY ? "\r\n\r\n" : "\n\n";
    const pieces: Buffer[] = [];
    let pos = 0;
    const readEvent = (at: number) => {
      const before = text.lastIndexOf(sepText, at);
      const eventStart = before < pos ? pos : before + sepText.length;
      const eventEnd = text.indexOf(sepText, at) + sepText.length;
      if (eventStart > pos) pieces.push(region.subarray(pos, eventStart));
      const raw = region.toString("utf8", eventStart, eventEnd);
      const handled = this.handleEvent(raw, raw.slice(0, raw.length - sepText.length));
      const out = handled.includes(PADDING_TEXT) ? handled.replace(PADDING_FIELD, "") : handled;
      pieces.push(out === raw ? region.subarray(eventStart, eventEnd) : Buffer.from(out, "utf8"));
      pos = eventEnd;
    };

    // The model comes from the first event that names one; an inspector reads them all.
    while ((this.upstreamModel === null || this.inspector) && pos < text.length && !this.error) readEvent(pos);
    // An in-band error (or a guard's stop) is the last event the client gets.
    if (this.error) return pieces;

    const markers = MARKERS;
    markers.lastIndex = pos;
    for (let m = markers.exec(text); m !== null; m = markers.exec(text)) {
      // A finish chunk is read only when a tool call still owes its arguments.
      if (m[0] === FINISH_TEXT && !this.toolCalls.owesArguments) this.finished = true;
      else {
        readEvent(m.index);
        markers.lastIndex = pos;
        if (this.error) break;
      }
    }
    markers.lastIndex = 0;
    if (this.error) return pieces;
    if (!this.done && text.endsWith(DONE_TEXT + sepText)) this.done = true;
    if (pos === 0) return [region];
    if (pos < region.length) pieces.push(region.subarray(pos));
    return pieces;
  }

  complete(): string {
    return `${this.inspector?.finish() ?? ""}data: [DONE]\n\n`;
  }

  errorEvent(error: StreamError): string {
    return errorEvent(error);
  }

  /** Called at the end of the upstream body: anything left without a blank line after it. */
  flush(): string {
    if (this.error) return "";
    const rest = this.pending ? this.pending.toString("utf8") : "";
    this.pending = null;
    if (rest.trim() === "") return "";
    return this.handleEvent(rest.endsWith("\n\n") ? rest : `${rest.replace(/\n*$/, "")}\n\n`, rest.replace(/\r?\n*$/, ""));
  }

  private handleEvent(raw: string, body: string): string {
    const data = dataOf(body);
    if (data === null) return raw; // comments, retry: lines — harmless to pass on
    if (data === "[DONE]") {
      this.done = true;
      return this.inspector ? this.inspector.finish() + raw : raw;
    }
    const eventName = eventOf(body);
    const mayMatter =
      this.inspector !== null ||
      eventName === "error" ||
      data.includes('"usage":{') ||
      data.includes('"error"') ||
      this.upstreamModel === null ||
      data.includes('"tool_calls":[') ||
      (this.toolCalls.owesArguments && data.includes('"finish_reason":"'));
    if (!mayMatter) {
      if (!this.finished && data.includes('"finish_reason":"')) this.finished = true;
      return raw;
    }
    let parsed: any;
    try {
      parsed = JSON.parse(data);
    } catch {
      return raw; // not ours to judge; the client sees what the provider sent
    }
    if (parsed && typeof parsed === "object") {
      // Azure's first chunk carries `"model": ""`: only a real name counts.
      if (this.upstreamModel === null && typeof parsed.model === "string" && parsed.model !== "") this.upstreamModel = parsed.model;
      if (parsed.usage) {
        const usage = readOpenAIUsage(parsed.usage);
        if (usage) this.usage = usage;
      }
      // Groq sends `event: error`; OpenRouter puts `error` inside an ordinary chunk.
      if (eventName === "error" || parsed.error) {
        this.error = this.scrub(readStreamError(parsed.error ?? parsed));
        return errorEvent(this.error);
      }
      const choices = parsed.choices;
      if (Array.isArray(choices) && choices.some((c: any) => c?.finish_reason)) this.finished = true;
      if (parsed.usage && !this.clientWantsUsage && Array.isArray(choices) && choices.length === 0) return "";
      const fixed = this.toolCalls.fix(parsed);
      const verdict = this.inspector?.inspect(parsed);
      if (verdict?.stop) {
        this.error = verdict.stop;
        this.stopped = true;
        return errorEvent(verdict.stop);
      }
      if (verdict?.replace !== undefined) return verdict.replace;
      if (fixed) return `data: ${JSON.stringify(parsed)}\n\n`;
    }
    return raw;
  }
}

/**
 * OpenAI pads stream chunks with an `obfuscation` field (fixture README trap 10): noise to
 * clients, and it must not leak. The field and its value, whichever side its comma is on
 * (the value is random text; escapes allowed).
 */
const PADDING_FIELD = /,"obfuscation":"(?:[^"\\]|\\.)*"|"obfuscation":"(?:[^"\\]|\\.)*",?/g;
function dataOf(event: string): string | null {
  // The common case: one `data: …` line and nothing else.
  if (event.startsWith("data: ") && !event.includes("\n")) return event.slice(6);
  let data: string | null = null;
  for (const line of event.split(/\r?\n/)) {
    if (line.startsWith("data:")) {
      const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
      data = data === null ? value : `${data}\n${value}`;
    }
  }
  return data;
}

function eventOf(event: string): string | null {
  if (!event.startsWith("event:") && !event.includes("\nevent:")) return null;
  const line = event.split(/\r?\n/).find((l) => l.startsWith("event:"));
  return line ? line.slice(6).trim() : null;
}

function readStreamError(raw: any): StreamError {
  if (typeof raw === "string") return { message: raw, type: "upstream_error", code: null };
  const message = typeof raw?.message === "string" ? raw.message : JSON.stringify(raw ?? "upstream error");
  const type = typeof raw?.type === "string" ? raw.type : "upstream_error";
  const code = raw?.code == null ? null : String(raw.code);
  return { message, type, code };
}

/** The final event an OpenAI client reads as a failed stream. */
export function errorEvent(error: StreamError): string {
  return `data: ${JSON.stringify({ error: { message: error.message, type: error.type, param: null, code: error.code, ...error.extra } })}\n\n`;
}
