import type { AuthStyle } from "./registry.js";

/** The header(s) that carry a provider credential, by the provider's auth style. */
export function authHeaders(style: AuthStyle, credential: string): Record<string, string> {
  switch (style) {
    case "bearer":
      return { authorization: `Bearer ${credential}` };
    case "x-api-key":
      return { "x-api-key": credential };
    case "api-key":
      return { "api-key": credential };
    case "x-goog-api-key":
      return { "x-goog-api-key": credential };
    case "none":
      return {};
    default:
      throw new Error(`auth style ${style} is not supported on this route yet`);
  }
}
