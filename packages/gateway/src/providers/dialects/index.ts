import type { DialectName } from "../registry.js";
import { anthropicDialect } from "./anthropic/index.js";
import { bedrockDialect, EventStreamDecoder } from "./bedrock/index.js";
import { cohereDialect } from "./cohere/index.js";
import type { Dialect } from "./dialect.js";
import { geminiDialect } from "./gemini/index.js";
import type { FrameDecoder } from "./frames.js";
import { SseDecoder } from "./shared/sse-decoder.js";

/**
 * The translated dialects, by name. `openai` and `azure` are absent: they are the
 * clients' own wire format and go through the byte-forwarding fast path.
 */
const DIALECTS: Record<Exclude<DialectName, "openai" | "azure">, Dialect> = {
  anthropic: anthropicDialect,
  bedrock: bedrockDialect,
  cohere: cohereDialect,
  gemini: geminiDialect,
};

/** The clients' own wire format: OpenAI's, and Azure's URL shape over it. */
export function speaksOpenAI(name: string): boolean {
  return name === "openai" || name === "azure";
}

export function translatedDialect(name: DialectName): Dialect | null {
  return speaksOpenAI(name) ? null : DIALECTS[name as Exclude<DialectName, "openai" | "azure">];
}

export function frameDecoder(dialect: Dialect): FrameDecoder {
  switch (dialect.framing) {
    case "sse":
      return new SseDecoder();
    case "aws-eventstream":
      return new EventStreamDecoder();
  }
}
