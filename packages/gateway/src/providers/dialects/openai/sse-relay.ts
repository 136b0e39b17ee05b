import { StringDecoder } from "node:string_decoder";
import { readOpenAIUsage, type Usage } from "./usage.js";

export interface StreamError {
  message: string;
  type: string;
  code: string | null;
}

/**
 * Watches an OpenAI-dialect SSE stream on its way to the client, event by event:
 * captures usage, notices the end and in-band errors, and drops the usage-only chunk
 * the gateway asked for on the client's behalf. Events the client should see are
 * returned verbatim, so a passing stream costs one substring search per event.
 */
export class SseRelay {
  usage: Usage | null = null;
  upstreamModel: string | null = null;
  /** Saw `data: [DONE]`. */
  done = false;
  /** Saw a chunk with a finish_reason. */
  finished = false;
  error: StreamError | null = null;
  private pending = "";
  private separator: string | null = null;
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly clientWantsUsage: boolean) {}

  /** Feeds raw upstream bytes; returns the text to forward now (may be empty). */
  push(chunk: Buffer): string {
    const text = this.pending + this.decoder.write(chunk);
    // Servers frame with LF or CRLF; decide once, so each boundary costs one search.
    this.separator ??= text.includes("\r\n") ? "\r\n\r\n" : text.includes("\n") ? "\n\n" : null;
    const sep = this.separator;
    if (sep === null) {
      this.pending = text;
      return "";
    }
    let out = "";
    let start = 0;
    for (let end = text.indexOf(sep, start); end >= 0; end = text.indexOf(sep, start)) {
      const next = end + sep.length;
      out += this.handleEvent(text.slice(start, next), text.slice(start, end));
      start = next;
    }
    this.pending = start === 0 ? text : text.slice(start);
    return out;
  }

  /** Called at the end of the upstream body: anything left without a blank line after it. */
  flush(): string {
    const rest = this.pending + this.decoder.end();
    this.pending = "";
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
