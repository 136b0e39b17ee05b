import type { ConnectLlmOptions } from "../connect-llm.js";
import { mergeDefaultHeaders, optionsBagOf } from "./default-headers.js";
import type { IgrisLike } from "./openai.js";

export type { IgrisLike } from "./openai.js";

/** What the adapter needs of an `@anthropic-ai/sdk` client: typed by shape, never imported. */
export interface AnthropicClientLike {
  baseURL: string;
  apiKey: string | null;
  authToken?: string | null;
}

/**
 * Points an existing `@anthropic-ai/sdk` client at the gateway's native route for virtual
 * key `slug` (`<gateway>/llm/<slug>`; the client appends `/v1/messages`) and returns it.
 * The Igris key goes in both `x-api-key` and `Authorization`, whichever the client's
 * version sends, and replaces any Anthropic credential the client held.
 */
export function withIgris<C extends AnthropicClientLike>(client: C, igris: IgrisLike, slug: string, options: ConnectLlmOptions = {}): C {
  const conn = igris.connectLlm(slug, options);
  // The Anthropic client adds the version itself (`/v1/messages`).
  const baseUrl = conn.baseUrl.replace(/\/v1$/, "");
  const headers = { ...conn.headers, "x-api-key": conn.apiKey, authorization: `Bearer ${conn.apiKey}` };
  const bag = optionsBagOf(client, "anthropic adapter");
  client.baseURL = baseUrl;
  client.apiKey = conn.apiKey;
  if ("authToken" in client) client.authToken = null;
  // Pins the base URL so credential profiles and withOptions() copies do not move it back.
  if ("_baseURLIsExplicit" in client) (client as { _baseURLIsExplicit?: boolean })._baseURLIsExplicit = true;
  bag.baseURL = baseUrl;
  bag.apiKey = conn.apiKey;
  bag.authToken = null;
  bag.defaultHeaders = mergeDefaultHeaders(bag.defaultHeaders, headers);
  return client;
}
