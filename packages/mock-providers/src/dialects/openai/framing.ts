import type { StreamFraming } from "../dialect.js";
import { SSE_CONTENT_TYPE } from "../../exchange.js";
import { frameChunkLines } from "../../sse-events.js";

/** OpenAI's framing: `data:` lines ending in `[DONE]`, shared by every OpenAI-compatible provider's folder. */
export const OPENAI_FRAMING: StreamFraming = { contentType: SSE_CONTENT_TYPE, frameChunkLines };
