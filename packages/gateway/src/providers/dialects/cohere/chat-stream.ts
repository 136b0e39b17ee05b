import type { Usage } from "../../usage.js";
import type { OpenAIChatChunk, OpenAIToolCallDelta, StreamError, StreamIdentity, StreamTranslator, UpstreamEvent } from "../dialect.js";
import { chunk, makeToolCallId, toolCallDelta } from "../shared/openai-shapes.js";
import { failureMessage, mapFinishReason } from "./map-finish-reason.js";
import { type JsonRecord, asRecord, asString } from "./payload-fields.js";
import { readCohereUsage } from "./read-usage.js";
import { StreamedArguments } from "./tool-arguments.js";

type Delta = OpenAIChatChunk["choices"][number]["delta"];
interface OpenCall {
  index: number;
  args: StreamedArguments;
  ended: boolean;
}

/**
 * Translates Cohere v2 chat stream events into OpenAI chunks. Text deltas become content;
 * thinking deltas and tool-plan deltas become reasoning_content (see chat-response.ts);
 * tool calls are numbered in the order they start. Citation and content-start/-end events
 * carry nothing a client needs here. message-end gives the finish reason and usage; ERROR
 * and TIMEOUT end the stream with an error instead of a finish reason.
 */
export class CohereStreamTranslator implements StreamTranslator {
  usage: Usage | null = null;
  /** Cohere's stream never names the model. */
  readonly model: string | null = null;
  finished = false;
  error: StreamError | null = null;
  private readonly ident: StreamIdentity;
  private roleSent = false;
  private reasoningSource: "thinking" | "plan" | null = null;
  private readonly calls = new Map<number, OpenCall>();
  private lastCall: OpenCall | null = null;

  constructor(ident: StreamIdentity) {
    this.ident = { ...ident };
  }

  push(event: UpstreamEvent): OpenAIChatChunk[] {
    const data = asRecord(event.data);
    if (!data || this.finished || this.error) return [];
    const message = asRecord(asRecord(data.delta)?.message);
    switch (asString(data.type) ?? event.event) {
      case "message-start":
        this.ident.id = asString(data.id) || this.ident.id;
        return [this.emit({ content: "" })];
      case "content-start":
      case "content-delta":
        return this.content(asRecord(message?.content));
      case "tool-plan-delta":
        return this.reasoning("plan", asString(message?.tool_plan));
      case "tool-call-start":
        return this.startCall(data.index, firstCall(message?.tool_calls));
      case "tool-call-delta":
        return this.continueCall(data.index, firstCall(message?.tool_calls));
      case "tool-call-end":
        return this.endCall(this.callAt(data.index));
      case "message-end":
        return this.end(asRecord(data.delta) ?? {});
      case "error":
        this.error = { message: asString(data.message) ?? "Cohere ended the stream with an error.", type: "api_error", code: null };
        return [];
      default:
        return [];
    }
  }

  private content(content: JsonRecord | undefined): OpenAIChatChunk[] {
    const text = asString(content?.text);
    if (text) return [this.emit({ content: text })];
    return this.reasoning("thinking", asString(content?.thinking));
  }

  /** Thinking and a tool plan are both reasoning; a blank line keeps one from running into the other. */
  private reasoning(source: "thinking" | "plan", text: string | undefined): OpenAIChatChunk[] {
    if (!text) return [];
    const separator = this.reasoningSource !== null && this.reasoningSource !== source ? "\n\n" : "";
    this.reasoningSource = source;
    return [this.emit({ reasoning_content: separator + text })];
  }

  private startCall(cohereIndex: unknown, call: JsonRecord | undefined): OpenAIChatChunk[] {
    const fn = asRecord(call?.function);
    const open: OpenCall = { index: this.calls.size, args: new StreamedArguments(), ended: false };
    this.calls.set(typeof cohereIndex === "number" ? cohereIndex : -1 - open.index, open);
    this.lastCall = open;
    const first = open.args.push(asString(fn?.arguments) ?? "");
    return [this.toolDelta(toolCallDelta(open.index, asString(call?.id) || makeToolCallId(), asString(fn?.name) ?? "", first))];
  }

  private continueCall(cohereIndex: unknown, call: JsonRecord | undefined): OpenAIChatChunk[] {
    const open = this.callAt(cohereIndex);
    const fragment = asString(asRecord(call?.function)?.arguments);
    if (!open || open.ended || !fragment) return [];
    const text = open.args.push(fragment);
    return text ? [this.toolDelta(toolCallDelta(open.index, undefined, undefined, text))] : [];
  }

  private endCall(open: OpenCall | null): OpenAIChatChunk[] {
    if (!open || open.ended) return [];
    open.ended = true;
    const rest = open.args.end();
    return rest ? [this.toolDelta(toolCallDelta(open.index, undefined, undefined, rest))] : [];
  }

  private end(delta: JsonRecord): OpenAIChatChunk[] {
    this.usage = readCohereUsage(delta.usage) ?? this.usage;
    const out = [...this.calls.values()].flatMap((open) => this.endCall(open));
    const detail = asString(delta.error);
    const outcome = detail ? ({ kind: "failed", reason: "ERROR" } as const) : mapFinishReason(delta.finish_reason, this.calls.size > 0);
    if (outcome.kind === "failed") {
      const code = outcome.reason === "TIMEOUT" ? "upstream_timeout" : "upstream_generation_error";
      this.error = { message: failureMessage(outcome.reason, detail), type: "api_error", code };
      return out;
    }
    this.finished = true;
    out.push(this.emit({}, outcome.reason));
    return out;
  }

  /** Cohere numbers the calls on every event; a call it did not number is the latest one. */
  private callAt(cohereIndex: unknown): OpenCall | null {
    return (typeof cohereIndex === "number" ? this.calls.get(cohereIndex) : undefined) ?? this.lastCall;
  }

  private toolDelta(delta: OpenAIToolCallDelta): OpenAIChatChunk {
    return this.emit({ tool_calls: [delta] });
  }

  private emit(delta: Delta, finishReason: Parameters<typeof chunk>[2] = null): OpenAIChatChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      return chunk(this.ident, { role: "assistant", ...delta }, finishReason);
    }
    return chunk(this.ident, delta, finishReason);
  }
}

/** Cohere sends one call per event as an object; accept a one-element list as well. */
function firstCall(value: unknown): JsonRecord | undefined {
  return asRecord(Array.isArray(value) ? value[0] : value);
}
