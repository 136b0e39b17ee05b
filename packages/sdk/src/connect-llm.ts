import { IgrisError } from "./errors.js";
import { type IdentityOptions, identityHeaders } from "./identity-headers.js";

/** What a provider's own SDK needs to go through the gateway's native route for one virtual key. */
export interface IgrisConnection {
  /** `<gateway>/llm/<slug>/v1`: an OpenAI-style client's base URL. */
  baseUrl: string;
  /** The Igris API key, to use as the client's API key. */
  apiKey: string;
  /** `X-Igris-User`, `X-Igris-Trace-Id` and `X-Igris-Metadata-<key>` for the client's default headers. */
  headers: Record<string, string>;
}

export type ConnectLlmOptions = IdentityOptions;

const SLUG = /^[a-z0-9][a-z0-9_-]{1,63}$/;

/** The gateway origin's native route for a virtual key, without the version segment. */
export function llmRoute(gatewayUrl: string, slug: string): string {
  if (!SLUG.test(slug)) {
    throw new IgrisError(`"${slug}" is not a virtual key slug (^[a-z0-9][a-z0-9_-]{1,63}$).`, { code: "invalid_slug" });
  }
  return `${gatewayUrl}/llm/${slug}`;
}

export function connection(gatewayUrl: string, apiKey: string, slug: string, options: ConnectLlmOptions = {}): IgrisConnection {
  return { baseUrl: `${llmRoute(gatewayUrl, slug)}/v1`, apiKey, headers: identityHeaders(options) };
}
