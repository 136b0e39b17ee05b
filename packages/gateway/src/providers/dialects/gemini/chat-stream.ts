import type { Usage } from "../../usage.js";
import type { OpenAIChatChunk, StreamError, StreamIdentity, StreamTranslator, UpstreamEvent } from "../dialect.js";
import { chunk } from "../shared/openai-shapes.js";
import { CandidateStream, type ChoiceDelta } from "./candidate-stream.js";
import { isObject, objectsIn, type JsonObject } from "./json-read.js";
import { promptBlocked } from "./map-finish-reason.js";
import { readUsageMetadata } from "./read-usage.js";
import { describeError } from "./upstream-error.js";

/**
 * A streamGenerateContent?alt=sse answer: every `data:` is a whole GenerateContentResponse, and there is no
 * [DONE]. usageMetadata rides on every chunk and can go down (trap 5): the last one that has counts wins.
 * An `error` object in the stream ends it with that error.
 */
class GeminiStreamTranslator implements StreamTranslator {
  usage: Usage | null = null;
  model: string | null = null;
  error: StreamError | null = null;
  private readonly candidates = new Map<number, CandidateStream>();

  constructor(private readonly ident: StreamIdentity) {}

  get finished(): boolean {
    return this.candidates.size > 0 && [...this.candidates.values()].every((c) => c.finished);
  }

  push(event: UpstreamEvent): OpenAIChatChunk[] {
    const data = event.data;
    if (this.error || !isObject(data)) return [];
    if (data.error !== undefined) {
      this.error = describeError(data.error, 200);
      return [];
    }
    if (typeof data.modelVersion === "string" && data.modelVersion) this.model = data.modelVersion;
    this.usage = readUsageMetadata(data.usageMetadata) ?? this.usage;
    try {
      return this.chunksOf(data);
    } catch (error) {
      this.error = { message: (error as Error).message, type: "api_error", code: "invalid_upstream_stream" };
      return [];
    }
  }

  private chunksOf(data: JsonObject): OpenAIChatChunk[] {
    const ident = this.model ? { ...this.ident, model: this.model } : this.ident;
    const candidates = objectsIn(data.candidates);
    if (candidates.length === 0) return promptBlocked(data) ? this.emit(ident, 0, this.candidate(0).blocked()) : [];
    return candidates.flatMap((c, position) => {
      const index = typeof c.index === "number" ? c.index : position;
      return this.emit(ident, index, this.candidate(index).read(c));
    });
  }

  private candidate(index: number): CandidateStream {
    let state = this.candidates.get(index);
    if (!state) this.candidates.set(index, (state = new CandidateStream()));
    return state;
  }

  private emit(ident: StreamIdentity, index: number, deltas: ChoiceDelta[]): OpenAIChatChunk[] {
    return deltas.map(({ delta, finishReason }) => {
      const out = chunk(ident, delta, finishReason);
      out.choices[0]!.index = index;
      return out;
    });
  }
}

export function chatStream(ident: StreamIdentity): StreamTranslator {
  return new GeminiStreamTranslator(ident);
}
