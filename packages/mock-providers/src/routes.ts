export type RouteKind = "chat" | "embeddings";

export interface MatchedRoute {
  kind: RouteKind;
  /** Directive text found in a `/_mock/<directives>/...` prefix, "" when there is none. */
  directivesText: string;
}

const MOCK_PREFIX = "/_mock/";
export const HEALTH_PATH = "/_mock/health";

const SUFFIXES: ReadonlyArray<readonly [string, RouteKind]> = [
  ["/chat/completions", "chat"],
  ["/embeddings", "embeddings"],
];

/**
 * Matches on the path's ending only, because gateway base URLs arrive with and
 * without `/v1` and sometimes with a provider prefix in front.
 * The directive text runs from `/_mock/` to the route (minus a trailing `/v1`), so
 * fixture names may keep their `/` unencoded.
 */
export function matchRoute(pathname: string): MatchedRoute | undefined {
  for (const [suffix, kind] of SUFFIXES) {
    if (!pathname.endsWith(suffix)) continue;
    const head = pathname.slice(0, pathname.length - suffix.length);
    return { kind, directivesText: directivesIn(head) };
  }
  return undefined;
}

function directivesIn(head: string): string {
  if (!head.startsWith(MOCK_PREFIX)) return "";
  let text = head.slice(MOCK_PREFIX.length);
  // Azure OpenAI puts the deployment between the base URL and the operation.
  const azure = text.search(/\/openai(\/deployments\/[^/]+)?(\/v1)?$/);
  if (azure >= 0) text = text.slice(0, azure);
  if (text.endsWith("/v1")) text = text.slice(0, -3);
  else if (text === "v1") text = "";
  return text;
}

/** Drops the query string without allocating a URL object on the hot path. */
export function pathnameOf(url: string | undefined): string {
  if (!url) return "/";
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
