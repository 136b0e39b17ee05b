import { readFileSync } from "node:fs";
import { wireFixture } from "../../../testing/fixtures.js";
import type { OpenAIChatChunk, StreamTranslator, UpstreamEvent } from "../dialect.js";

/**
 * Test support: recorded Anthropic streams as the events a StreamTranslator is fed. Raw
 * `.sse` files are split on blank lines here (the pipeline's decoder is separate); the
 * Vercel `.chunks.txt` files hold one payload per line and have no `event:` names.
 */
export function sseEvents(text: string): UpstreamEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((raw) => {
      let event: string | null = null;
      const data: string[] = [];
      for (const line of raw.split(/\r?\n/)) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
      }
      return data.length === 0 ? null : { event, data: JSON.parse(data.join("\n")) as unknown };
    })
    .filter((e): e is UpstreamEvent => e !== null);
}

export function chunkLineEvents(text: string): UpstreamEvent[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => ({ event: null, data: JSON.parse(line) as unknown }));
}

/** A recorded Anthropic stream fixture, by file name, as events. */
export function recordedStream(name: string): UpstreamEvent[] {
  const text = readFileSync(wireFixture(`anthropic/${name}`), "utf8");
  return name.endsWith(".sse") ? sseEvents(text) : chunkLineEvents(text);
}

/** What an OpenAI client accumulates from the chunks: the way to assert a whole translated stream. */
export interface Assembled {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id: string; type: string; name: string; arguments: string }>;
  finishReasons: Array<string | null>;
}

export function feed(translator: StreamTranslator, events: UpstreamEvent[]): OpenAIChatChunk[] {
  return events.flatMap((e) => translator.push(e));
}

export function assemble(chunks: OpenAIChatChunk[]): Assembled {
  const out: Assembled = { content: "", reasoning: "", toolCalls: [], finishReasons: [] };
  for (const c of chunks) {
    const choice = c.choices[0];
    if (!choice) continue;
    out.content += choice.delta.content ?? "";
    out.reasoning += choice.delta.reasoning_content ?? "";
    for (const t of choice.delta.tool_calls ?? []) {
      const call = (out.toolCalls[t.index] ??= { id: "", type: "", name: "", arguments: "" });
      call.id ||= t.id ?? "";
      call.type ||= t.type ?? "";
      call.name ||= t.function?.name ?? "";
      call.arguments += t.function?.arguments ?? "";
    }
    if (choice.finish_reason) out.finishReasons.push(choice.finish_reason);
  }
  return out;
}
