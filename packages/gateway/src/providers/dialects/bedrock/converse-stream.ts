import type { Usage } from "../../usage.js";
import type { OpenAIChatChunk, StreamError, StreamIdentity, StreamTranslator, UpstreamEvent } from "../dialect.js";
import { chunk, makeToolCallId, toolCallDelta } from "../shared/openai-shapes.js";
import { streamException } from "./bedrock-error.js";
import { converseUsage } from "./converse-usage.js";
import { asObject, asString, type JsonObject } from "./json-values.js";
import { mapStopReason } from "./map-stop-reason.js";

type Delta = OpenAIChatChunk["choices"][number]["delta"];

interface ToolBlock {
  /** The OpenAI tool-call index: tool calls count from 0 whatever their content block index. */
  index: number;
  /** Some argument text has been sent; if none by the block's end, "{}" is (trap 8). */
  sentArguments: boolean;
}

/**
 * ConverseStream events → OpenAI chunks. Content blocks are numbered across text, reasoning
 * and tool use alike, so each toolUse block gets the next OpenAI tool-call index when it
 * starts. Usage comes in the final `metadata` event, after `messageStop`.
 */
export class ConverseStreamTranslator implements StreamTranslator {
  usage: Usage | null = null;
  /** ConverseStream never names the model; the client's model stays on the chunks. */
  readonly model: string | null = null;
  finished = false;
  error: StreamError | null = null;
  private roleSent = false;
  private readonly toolBlocks = new Map<number, ToolBlock>();

  constructor(private readonly ident: StreamIdentity) {}

  push(event: UpstreamEvent): OpenAIChatChunk[] {
    if (this.error) return [];
    if (event.messageType === "exception" || event.messageType === "error") {
      this.error = streamException(event.event, event.data);
      return [];
    }
    const data = asObject(event.data) ?? {};
    switch (event.event) {
      case "messageStart":
        return this.roleSent ? [] : [this.emit({ content: "" })];
      case "contentBlockStart":
        return this.blockStart(data);
      case "contentBlockDelta":
        return this.blockDelta(data);
      case "contentBlockStop":
        return this.blockStop(data);
      case "messageStop":
        this.finished = true;
        return [this.emit({}, mapStopReason(data.stopReason))];
      case "metadata":
        this.usage = converseUsage(data.usage) ?? this.usage;
        return [];
      default:
        return []; // trap 12: events added after this was written are not ours to guess at
    }
  }

  private blockStart(data: JsonObject): OpenAIChatChunk[] {
    const toolUse = asObject(asObject(data.start)?.toolUse);
    if (!toolUse) return [];
    const block = this.toolBlock(data.contentBlockIndex);
    return [this.emit({ tool_calls: [toolCallDelta(block.index, asString(toolUse.toolUseId) ?? makeToolCallId(), asString(toolUse.name) ?? "", undefined)] })];
  }

  private blockDelta(data: JsonObject): OpenAIChatChunk[] {
    const delta = asObject(data.delta);
    if (!delta) return [];
    // Empty text deltas arrive (pyd-bedrock-stream-empty-text-delta): they carry nothing to send.
    const text = asString(delta.text);
    if (text) return [this.emit({ content: text })];
    const thought = asString(asObject(delta.reasoningContent)?.text);
    if (thought) return [this.emit({ reasoning_content: thought })];
    const input = asString(asObject(delta.toolUse)?.input);
    if (input) {
      const known = this.toolBlocks.get(blockKey(data.contentBlockIndex));
      const block = known ?? this.toolBlock(data.contentBlockIndex);
      block.sentArguments = true;
      // A call whose start never came still needs an id for the client to answer it by.
      return [this.emit({ tool_calls: [toolCallDelta(block.index, known ? undefined : makeToolCallId(), undefined, input)] })];
    }
    return []; // reasoning signatures, redacted reasoning, citations: nothing an OpenAI client reads
  }

  private blockStop(data: JsonObject): OpenAIChatChunk[] {
    const block = this.toolBlocks.get(blockKey(data.contentBlockIndex));
    if (!block || block.sentArguments) return [];
    block.sentArguments = true;
    return [this.emit({ tool_calls: [toolCallDelta(block.index, undefined, undefined, "{}")] })];
  }

  /** The tool block at a content block index, opened on first sight. */
  private toolBlock(contentBlockIndex: unknown): ToolBlock {
    const key = blockKey(contentBlockIndex);
    let block = this.toolBlocks.get(key);
    if (!block) {
      block = { index: this.toolBlocks.size, sentArguments: false };
      this.toolBlocks.set(key, block);
    }
    return block;
  }

  /** One chunk; the first one of the stream also carries the assistant role. */
  private emit(delta: Delta, finishReason: ReturnType<typeof mapStopReason> | null = null): OpenAIChatChunk {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    return chunk(this.ident, delta, finishReason);
  }
}

function blockKey(contentBlockIndex: unknown): number {
  return typeof contentBlockIndex === "number" ? contentBlockIndex : -1;
}
