import { readFileSync } from "node:fs";
import { wireFixture } from "../../../testing/fixtures.js";
import type { OpenAIChatChunk, OpenAIToolCall, UpstreamEvent } from "../dialect.js";

/** Reading the recorded Google fixtures in this dialect's tests. */

export function googleText(name: string): string {
  return readFileSync(wireFixture(`google/${name}`), "utf8");
}

export function googleJson(name: string): unknown {
  return JSON.parse(googleText(name));
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Raw SSE text as events. A block with no `data:` line but JSON text is kept as data too: Google appends
 * a bare error object to a failing stream (fb-vertex-stream-error-mid-stream.txt).
 */
export function sseEvents(text: string): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    const lines = block.split(/\r?\n/);
    const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, ""));
    const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim() ?? null;
    events.push({ event, data: parsed(data.length > 0 ? data.join("\n") : block) });
  }
  return events;
}

/** `.chunks.txt`: one decoded JSON payload per line. SSE files: raw text. */
export function googleEvents(name: string): UpstreamEvent[] {
  const text = googleText(name);
  if (name.endsWith(".chunks.txt")) return text.split("\n").filter((l) => l.trim()).map((l) => ({ event: null, data: JSON.parse(l) }));
  return sseEvents(text);
}

export interface Assembled {
  role: string | undefined;
  content: string;
  reasoning: string;
  toolCalls: OpenAIToolCall[];
  finishReasons: Array<string | null>;
}

/** What an OpenAI client builds from the chunks of one choice (the SDK's accumulation rules). */
export function assemble(chunks: OpenAIChatChunk[], choiceIndex = 0): Assembled {
  const out: Assembled = { role: undefined, content: "", reasoning: "", toolCalls: [], finishReasons: [] };
  for (const choice of chunks.flatMap((c) => c.choices).filter((c) => c.index === choiceIndex)) {
    out.role ??= choice.delta.role;
    out.content += choice.delta.content ?? "";
    out.reasoning += choice.delta.reasoning_content ?? "";
    for (const d of choice.delta.tool_calls ?? []) {
      const call = (out.toolCalls[d.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
      if (d.id) call.id = d.id;
      if (d.function?.name) call.function.name = d.function.name;
      call.function.arguments += d.function?.arguments ?? "";
    }
    if (choice.finish_reason) out.finishReasons.push(choice.finish_reason);
  }
  return out;
}
