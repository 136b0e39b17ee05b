import { IgrisError } from "../errors.js";

type HeaderValue = string | null;

/**
 * A client's default headers (a plain object, a `Headers`, `[name, value]` rows, or the
 * Stainless clients' internal `{ values, nulls }` form) as one plain object with lower-case
 * names, with `overrides` on top. Plain-object `null` means "remove this header" to those clients.
 */
export function mergeDefaultHeaders(existing: unknown, overrides: Record<string, string>): Record<string, HeaderValue> {
  const merged: Record<string, HeaderValue> = {};
  for (const [name, value] of headerEntries(existing)) {
    const key = name.toLowerCase();
    merged[key] = value === null || merged[key] === undefined || merged[key] === null ? value : `${merged[key]}, ${value}`;
  }
  for (const [name, value] of Object.entries(overrides)) merged[name.toLowerCase()] = value;
  return merged;
}

function headerEntries(headers: unknown): Array<[string, HeaderValue]> {
  if (!headers || typeof headers !== "object") return [];
  if (headers instanceof Headers) return [...headers.entries()];
  const nullable = headers as { values?: unknown; nulls?: unknown };
  if (nullable.values instanceof Headers && nullable.nulls instanceof Set) {
    return [...nullable.values.entries(), ...[...nullable.nulls].map((name): [string, HeaderValue] => [String(name), null])];
  }
  if (Array.isArray(headers)) return headers.filter((row) => Array.isArray(row) && typeof row[0] === "string").map((row) => [row[0], row[1] == null ? null : String(row[1])]);
  const out: Array<[string, HeaderValue]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out.push([name, value.map(String).join(", ")]);
    else out.push([name, value === null ? null : String(value)]);
  }
  return out;
}

/** The fields of a Stainless-generated client's constructor options that decide where and how it calls. */
export interface ClientOptionsBag {
  baseURL?: unknown;
  apiKey?: unknown;
  authToken?: unknown;
  defaultHeaders?: unknown;
}

/**
 * The client's stored constructor options, which its per-request code and `withOptions()`
 * copies read. A client without them cannot take the gateway's headers: refuse it rather
 * than route it with the identity silently dropped.
 */
export function optionsBagOf(client: object, adapter: string): ClientOptionsBag {
  const bag = (client as { _options?: unknown })._options;
  if (bag && typeof bag === "object") return bag as ClientOptionsBag;
  throw new IgrisError(`${adapter}: this client keeps no options the adapter can change; configure it from igris.connectLlm(slug) instead.`, { code: "unsupported_client" });
}
