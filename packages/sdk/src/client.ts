import { resolveBaseUrl } from "./base-url.js";
import { type ConnectLlmOptions, connection, type IgrisConnection } from "./connect-llm.js";
import { IgrisError } from "./errors.js";
import { Audit } from "./resources/audit.js";
import { ChatCompletions } from "./resources/chat-completions.js";
import { Embeddings } from "./resources/embeddings.js";
import { LlmProviders } from "./resources/llm-providers.js";
import { VirtualKeys } from "./resources/virtual-keys.js";
import { type FetchFunction, globalFetch, Transport } from "./transport.js";

export interface IgrisOptions {
  /** An Igris API key (`igris_sk_…`); management helpers need an admin key. */
  apiKey: string;
  /** The gateway's origin. Default: `IGRIS_BASE_URL`, then `http://127.0.0.1:8787`. */
  baseUrl?: string;
  /** A fetch implementation to use instead of the global one (tests, proxies, instrumented clients). */
  fetch?: FetchFunction;
}

/** The client of an Igris Gateway. */
export class Igris {
  /** The gateway's origin, without a trailing slash. */
  readonly baseUrl: string;
  readonly chat: { completions: ChatCompletions };
  readonly embeddings: Embeddings;
  readonly llmProviders: LlmProviders;
  readonly virtualKeys: VirtualKeys;
  readonly audit: Audit;
  readonly #apiKey: string;

  constructor(options: IgrisOptions) {
    if (typeof options?.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new IgrisError("An Igris API key is required: new Igris({ apiKey: \"igris_sk_…\" }).", { code: "missing_api_key" });
    }
    this.#apiKey = options.apiKey;
    this.baseUrl = resolveBaseUrl(options.baseUrl);
    const transport = new Transport(this.baseUrl, this.#apiKey, options.fetch ?? globalFetch);
    this.chat = { completions: new ChatCompletions(transport) };
    this.embeddings = new Embeddings(transport);
    this.llmProviders = new LlmProviders(transport);
    this.virtualKeys = new VirtualKeys(transport);
    this.audit = new Audit(transport);
  }

  /**
   * Base URL, API key and identity headers for a provider's own SDK to call the gateway's
   * native route of virtual key `slug` (`<gateway>/llm/<slug>/v1`). Makes no request.
   */
  connectLlm(slug: string, options: ConnectLlmOptions = {}): IgrisConnection {
    return connection(this.baseUrl, this.#apiKey, slug, options);
  }
}
