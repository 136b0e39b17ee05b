import { OPENAI_FRAMING } from "./openai/framing.js";
import { anthropicDialect } from "./anthropic/index.js";
import { bedrockDialect } from "./bedrock/index.js";
import { cohereDialect } from "./cohere/index.js";
import type { MockDialect, StreamFraming } from "./dialect.js";
import { geminiDialect } from "./gemini/index.js";
import { openaiDialect } from "./openai/index.js";

/** Every dialect the mock serves, OpenAI first: it carries the load-benchmark traffic. */
export const DIALECTS: readonly MockDialect[] = [openaiDialect, anthropicDialect, geminiDialect, bedrockDialect, cohereDialect];

const FRAMING_BY_FOLDER = new Map<string, StreamFraming>(
  DIALECTS.flatMap((dialect) => dialect.fixtureFolders.map((folder) => [folder, dialect.framing] as const)),
);

/** A recording replays in its own provider's framing; folders of OpenAI-compatible providers use OpenAI's. */
export function framingForFolder(folder: string): StreamFraming {
  return FRAMING_BY_FOLDER.get(folder) ?? OPENAI_FRAMING;
}
