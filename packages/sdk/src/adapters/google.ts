import type { ConnectLlmOptions, IgrisConnection } from "../connect-llm.js";
import type { IgrisLike } from "./openai.js";

export type { IgrisLike } from "./openai.js";

/**
 * The connection for a Google (Gemini) virtual key, for manual use. Google's clients keep
 * their endpoint in private state fixed at construction, so `client` is left as it is:
 * build the client you call with from the returned `baseUrl`, `apiKey` and `headers`
 * (for example an OpenAI-style client on the gateway's `/llm/<slug>/v1` route).
 */
export function withIgris(_client: unknown, igris: IgrisLike, slug: string, options: ConnectLlmOptions = {}): IgrisConnection {
  return igris.connectLlm(slug, options);
}
