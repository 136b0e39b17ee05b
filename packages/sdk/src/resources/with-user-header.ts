import { hasHeader } from "../identity-headers.js";
import type { RequestOptions } from "../transport.js";

/** The call's headers, plus `X-Igris-User` from the body's `user` field when no header sets it already. */
export function withUserHeader(user: unknown, options: RequestOptions): Record<string, string> | undefined {
  if (typeof user !== "string" || user === "" || hasHeader(options.headers, "x-igris-user")) return options.headers;
  return { ...options.headers, "X-Igris-User": user };
}
