import { readOpenAIUsage, type Usage } from "./usage.js";

const LF = Buffer.from("\n");
const CRLF = Buffer.from("\r\n");
const LF_BOUNDARY = Buffer.from("\n\n");
const CRLF_BOUNDARY = Buffer.from("\r\n\r\n");
const USAGE = Buffer.from('"usage":{');
const ERROR = Buffer.from('"error"');
const EVENT_LINE = Buffer.from("event:");
const FINISH = Buffer.from('"finish_reason":"');
const DONE = Buffer.from("data: [DONE]");
const EMPTY = Buffer.alloc(0);

export interface StreamError {
  message: string;
  type: string;
  code: string | null;
}

/**
 * Watches an OpenAI-dialect SSE stream on its way to the client, event by event:
 * captures usage, notices the end and in-band errors, and drops the usage-only chunk
 * the gateway asked for on the client's behalf. Events the client should see are
 * returned verbatim; a stretch of events holding nothing of interest is found by a few
 * native byte searches and forwarded without being decoded.
 */
export class SseRelay {
  usage: Usage | null = null;
  upstreamModel: string | null = null;
  /** Saw `data: [DONE]`. */
  done = false;
  /** Saw a chunk with a finish_reason. */
  finished = false;
  error: StreamError | null = null;
  private pending: Buffer | null = null;
  private separator: Buffer | null = null;

  constructor(private readonly clientWantsUsage: boolean) {}

  /** Feeds raw upstream bytes; returns the bytes to forward now (may be empty). */
  push(chunk: Buffer): Buffer {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    // Servers frame with LF or CRLF; decide once, so each boundary costs one search.
    this.separator ??= data.includes(CRLF) ? CRLF_BOUNDARY : data.includes(LF) ? LF_BOUNDARY : null;
    const sep = this.separator;
    const last = sep ? data.lastIndexOf(sep) : -1;
    if (last < 0) {
      this.pending = data;
      return EMPTY;
    }
    const end = last + sep!.length;
    const complete = end === data.length ? data : data.subarray(0, end);
    this.pending = end === data.length ? null : Buffer.from(data.subarray(end));
    // Fast path: nothing in these events needs reading, so the provider's bytes go on as they are.
    if (this.upstreamModel !== null && !complete.includes(USAGE) && !complete.includes(ERROR) && !complete.includes(EVENT_LINE)) {
      if (!this.finished && complete.includes(FINISH)) this.finished = true;
      if (complete.includes(DONE)) this.done = true;
      return complete;
    }
    // Event boundaries are ASCII, so a complete region never splits a UTF-8 character.
    const text = complete.toString("utf8");
    const sepText = sep === CRLF_BOUNDARY ? "\r\n\r\n" : "\n\n";
    let out = "";
    let start = 0;
    for (let e = text.indexOf(sepText, start); e >= 0; e = text.indexOf(sepText, start)) {
      const next = e + sepText.length;
      out += this.handleEvent(text.slice(start, next), text.slice(start, e));
      start = next;
    }
    return out === text ? complete : Buffer.from(out, "utf8");
  }

  /** Called at the end of the upstream body: anything left without a blank line after it. */
  flush(): string {
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
      return raw;
    }
    const eventName = eventOf(body);
    const mayMatter = eventName === "error" || data.includes('"usage":{') || data.includes('"error"') || this.upstreamModel === null;
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
      if (this.upstreamModel === null && typeof parsed.model === "string") this.upstreamModel = parsed.model;
      if (parsed.usage) {
        const usage = readOpenAIUsage(parsed.usage);
        if (usage) this.usage = usage;
      }
      // Groq sends `event: error`; OpenRouter puts `error` inside an ordinary chunk.
      if (eventName === "error" || parsed.error) {
        this.error = readStreamError(parsed.error ?? parsed);
        return errorEvent(this.error);
      }
      const choices = parsed.choices;
      if (Array.isArray(choices) && choices.some((c: any) => c?.finish_reason)) this.finished = true;
      if (parsed.usage && !this.clientWantsUsage && Array.isArray(choices) && choices.length === 0) return "";
    }
    return raw;
  }
}

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
  return `data: ${JSON.stringify({ error: { message: error.message, type: error.type, param: null, code: error.code } })}\n\n`;
}
