import type { ConnectLlmOptions, IgrisConnection } from "../connect-llm.js";
import { mergeDefaultHeaders, optionsBagOf } from "./default-headers.js";

/** What the adapter needs of an `openai` client (v4 and later): typed by shape, never imported. */
export interface OpenAIClientLike {
  baseURL: string;
  apiKey: string | null;
}

/** What the adapter needs of an `Igris` client. */
export interface IgrisLike {
  connectLlm(slug: string, options?: ConnectLlmOptions): IgrisConnection;
}

/**
 * Points an existing `openai` client at the gateway's native route for virtual key `slug`
 * (`<gateway>/llm/<slug>/v1`) with the Igris API key and identity headers, and returns it.
 * Later requests, and clients made from it with `withOptions()`, go through the gateway.
 */
export function withIgris<C extends OpenAIClientLike>(client: C, igris: IgrisLike, slug: string, options: ConnectLlmOptions = {}): C {
  const conn = igris.connectLlm(slug, options);
  const headers = { ...conn.headers, authorization: `Bearer ${conn.apiKey}` };
  const bag = optionsBagOf(client, "openai adapter");
  client.baseURL = conn.baseUrl;
  client.apiKey = conn.apiKey;
  bag.baseURL = conn.baseUrl;
  // A function here would be called before each request and replace apiKey.
  bag.apiKey = conn.apiKey;
  // The header also wins over workload-identity tokens, which bypass apiKey.
  bag.defaultHeaders = mergeDefaultHeaders(bag.defaultHeaders, headers);
  return client;
}
