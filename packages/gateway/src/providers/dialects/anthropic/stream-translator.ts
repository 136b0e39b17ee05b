import type { Usage } from "../../usage.js";
import type { OpenAIChatChunk, StreamError, StreamIdentity, StreamTranslator, UpstreamEvent } from "../dialect.js";
import { chunk, toolCallDelta } from "../shared/openai-shapes.js";
import { mapStopReason } from "./map-stop-reason.js";
import { readAnthropicUsage } from "./read-usage.js";
import { JSON_ANSWER_TOOL } from "./response-format.js";
import { readAnthropicError } from "./upstream-error.js";

type Json = Record<string, any>;
type Delta = OpenAIChatChunk["choices"][number]["delta"];

/** What one content block (by Anthropic's block index) turns into. */
interface Block {
  kind: "text" | "thinking" | "tool" | "answer" | "other";
  /** The OpenAI tool-call index, for tool blocks. */
  toolIndex: number;
  /** Some argument JSON was sent; if none ever is, "{}" is (trap 8). */
  sentArguments: boolean;
}

/**
 * Anthropic's Messages stream as OpenAI chunks. Events are told apart by `data.type`, so
 * the SSE `event:` name may be present or not. Thinking deltas become reasoning_content;
 * signatures, redacted thinking, citations and server-tool blocks are skipped. Usage is
 * Anthropic's running total (trap 2): each field's latest value replaces the earlier one.
 */
export class AnthropicStreamTranslator implements StreamTranslator {
  private ident: StreamIdentity;
  private rawUsage: Json = {};
  private currentUsage: Usage | null = null;
  private upstreamModel: string | null = null;
  private done = false;
  private failure: StreamError | null = null;
  private roleSent = false;
  private readonly blocks = new Map<number, Block>();
  private toolCount = 0;
  private answeredByTool = false;

  constructor(ident: StreamIdentity) {
    this.ident = { ...ident };
  }

  get usage(): Usage | null {
    return this.currentUsage;
  }
  get model(): string | null {
    return this.upstreamModel;
  }
  get finished(): boolean {
    return this.done;
  }
  get error(): StreamError | null {
    return this.failure;
  }

  push(event: UpstreamEvent): OpenAIChatChunk[] {
    const data = event.data;
    if (this.failure || !data || typeof data !== "object") return [];
    const payload = data as Json;
    switch (typeof payload.type === "string" ? payload.type : event.event) {
      case "message_start":
        return this.start(payload.message ?? {});
      case "content_block_start":
        return this.blockStart(payload.index, payload.content_block ?? {});
      case "content_block_delta":
        return this.blockDelta(payload.index, payload.delta ?? {});
      case "content_block_stop":
        return this.blockStop(payload.index);
      case "message_delta":
        this.takeUsage(payload.usage);
        return this.finish(payload.delta?.stop_reason);
      case "message_stop":
        // A stop without a stop_reason still ends the answer.
        return this.done ? [] : this.finish("end_turn");
      case "error":
        this.failure = readAnthropicError(payload, "api_error", "Anthropic ended the stream with an error.");
        return [];
      default:
        return []; // ping, and event types added later (trap 12)
    }
  }

  private start(message: Json): OpenAIChatChunk[] {
    if (typeof message.model === "string" && message.model !== "") this.ident.model = this.upstreamModel = message.model;
    if (typeof message.id === "string" && message.id !== "") this.ident.id = message.id;
    this.rawUsage = {};
    this.takeUsage(message.usage);
    return [this.emit({ content: "" })];
  }

  private blockStart(index: unknown, block: Json): OpenAIChatChunk[] {
    if (typeof index !== "number") return [];
    if (block.type === "tool_use" && block.name === JSON_ANSWER_TOOL) {
      this.answeredByTool = true;
      this.blocks.set(index, { kind: "answer", toolIndex: -1, sentArguments: false });
      return [];
    }
    if (block.type === "tool_use" && typeof block.id === "string" && typeof block.name === "string") {
      const toolIndex = this.toolCount++;
      this.blocks.set(index, { kind: "tool", toolIndex, sentArguments: false });
      return [this.emit({ tool_calls: [toolCallDelta(toolIndex, block.id, block.name, "")] })];
    }
    const kind = block.type === "text" ? "text" : block.type === "thinking" ? "thinking" : "other";
    this.blocks.set(index, { kind, toolIndex: -1, sentArguments: false });
    if (kind === "text" && typeof block.text === "string" && block.text !== "") return [this.emit({ content: block.text })];
    if (kind === "thinking" && typeof block.thinking === "string" && block.thinking !== "") return [this.emit({ reasoning_content: block.thinking })];
    return [];
  }

  private blockDelta(index: unknown, delta: Json): OpenAIChatChunk[] {
    if (delta.type === "text_delta" && typeof delta.text === "string" && delta.text !== "") return [this.emit({ content: delta.text })];
    if (delta.type === "thinking_delta" && typeof delta.thinking === "string" && delta.thinking !== "") return [this.emit({ reasoning_content: delta.thinking })];
    if (delta.type !== "input_json_delta" || typeof delta.partial_json !== "string" || delta.partial_json === "") return [];
    const block = typeof index === "number" ? this.blocks.get(index) : undefined;
    if (block?.kind === "tool") {
      block.sentArguments = true;
      return [this.emit({ tool_calls: [toolCallDelta(block.toolIndex, undefined, undefined, delta.partial_json)] })];
    }
    if (block?.kind === "answer") {
      block.sentArguments = true;
      return [this.emit({ content: delta.partial_json })];
    }
    return []; // a server tool's input
  }

  private blockStop(index: unknown): OpenAIChatChunk[] {
    const block = typeof index === "number" ? this.blocks.get(index) : undefined;
    if (!block || block.sentArguments) return [];
    block.sentArguments = true;
    if (block.kind === "tool") return [this.emit({ tool_calls: [toolCallDelta(block.toolIndex, undefined, undefined, "{}")] })];
    if (block.kind === "answer") return [this.emit({ content: "{}" })];
    return [];
  }

  private finish(stopReason: unknown): OpenAIChatChunk[] {
    let reason = mapStopReason(stopReason);
    if (reason === null || this.done) return [];
    if (reason === "tool_calls" && this.answeredByTool && this.toolCount === 0) reason = "stop";
    this.done = true;
    return [this.emit({}, reason)];
  }

  /** Running totals: a field present now replaces the one seen before (message_delta may restate input and cache counts). */
  private takeUsage(raw: unknown): void {
    if (!raw || typeof raw !== "object") return;
    for (const [key, value] of Object.entries(raw)) if (value !== null && value !== undefined) this.rawUsage[key] = value;
    this.currentUsage = readAnthropicUsage(this.rawUsage);
  }

  private emit(delta: Delta, finishReason: ReturnType<typeof mapStopReason> = null): OpenAIChatChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    return chunk(this.ident, delta, finishReason);
  }
}
