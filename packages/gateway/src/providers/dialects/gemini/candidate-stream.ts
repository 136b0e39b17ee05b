import type { FinishReason, OpenAIChatChunk } from "../dialect.js";
import { toolArguments, toolCallDelta } from "../shared/openai-shapes.js";
import { isObject, objectsIn, type JsonObject } from "./json-read.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { PartialArguments } from "./partial-arguments.js";
import { toolCallId } from "./read-candidate.js";

type Delta = OpenAIChatChunk["choices"][number]["delta"];
export interface ChoiceDelta {
  delta: Delta;
  finishReason: FinishReason | null;
}

/**
 * One streamed candidate in OpenAI's delta terms: role on the first delta, text and thought text as they
 * come, each function call as a tool-call index. A call streamed in pieces (Vertex: `name` + `willContinue`,
 * then `partialArgs`, then an empty functionCall) is announced at once and its arguments are sent as one
 * fragment when it completes, so they always parse as JSON.
 */
export class CandidateStream {
  finished = false;
  private started = false;
  private toolCount = 0;
  private pending: { index: number; args: PartialArguments } | null = null;

  read(candidate: JsonObject): ChoiceDelta[] {
    const out: ChoiceDelta[] = [];
    for (const part of objectsIn(isObject(candidate.content) ? candidate.content.parts : undefined)) {
      for (const delta of this.partDeltas(part)) out.push({ delta, finishReason: null });
    }
    // Some streams repeat a finish reason on later chunks; the client hears it once.
    if (typeof candidate.finishReason === "string" && !this.finished) {
      for (const delta of this.closePending()) out.push({ delta, finishReason: null });
      out.push({ delta: {}, finishReason: mapFinishReason(candidate.finishReason, this.toolCount > 0) });
      this.finished = true;
    }
    return this.withRole(out);
  }

  /** The prompt was blocked: an empty answer finished by content_filter. */
  blocked(): ChoiceDelta[] {
    this.finished = true;
    return this.withRole([{ delta: { content: "" }, finishReason: "content_filter" }]);
  }

  private partDeltas(part: JsonObject): Delta[] {
    if (typeof part.text === "string") {
      if (!part.text) return [];
      return [part.thought === true ? { reasoning_content: part.text } : { content: part.text }];
    }
    return isObject(part.functionCall) ? this.callDeltas(part.functionCall) : [];
  }

  private callDeltas(call: JsonObject): Delta[] {
    const out: Delta[] = [];
    if (typeof call.name === "string" && call.name) {
      out.push(...this.closePending());
      const index = this.toolCount++;
      if (call.willContinue !== true) return [...out, { tool_calls: [toolCallDelta(index, toolCallId(call), call.name, toolArguments(call.args))] }];
      out.push({ tool_calls: [toolCallDelta(index, toolCallId(call), call.name, undefined)] });
      this.pending = { index, args: new PartialArguments() };
    }
    if (!this.pending) return out;
    this.pending.args.apply(call.partialArgs);
    if (call.willContinue !== true) out.push(...this.closePending());
    return out;
  }

  private closePending(): Delta[] {
    if (!this.pending) return [];
    const { index, args } = this.pending;
    this.pending = null;
    return [{ tool_calls: [toolCallDelta(index, undefined, undefined, args.json())] }];
  }

  private withRole(out: ChoiceDelta[]): ChoiceDelta[] {
    if (!this.started && out.length > 0) {
      out[0]!.delta = { role: "assistant", ...out[0]!.delta };
      this.started = true;
    }
    return out;
  }
}
