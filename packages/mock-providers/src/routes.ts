import type { MockDialect } from "./dialects/dialect.js";
import { DIALECTS } from "./dialects/registry.js";

export interface MatchedRoute {
  dialect: MockDialect;
  operation: string;
  body: "json" | "form";
  /** The model named in the path (Gemini, Bedrock), URL-decoded. */
  pathModel?: string;
  /** The API's own prefix before the operation (`/v1beta`, Vertex's project path), "" when none. */
  apiPath: string;
  /** Directive text found in a `/_mock/<directives>/...` prefix, "" when there is none. */
  directivesText: string;
}

const MOCK_PREFIX = "/_mock/";
export const HEALTH_PATH = "/_mock/health";

/**
 * Matches on the path's ending only, because gateway base URLs arrive with and
 * without `/v1`, with provider prefixes, and with `/_mock/<directives>` in front.
 * The directive text runs from `/_mock/` to the API's own prefix, so fixture names
 * may keep their `/` unencoded.
 */
export function matchRoute(pathname: string): MatchedRoute | undefined {
  for (const dialect of DIALECTS) {
    for (const route of dialect.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const operation = match.groups?.operation ?? route.operation;
      if (operation === undefined) throw new Error(`route ${route.pattern} of ${dialect.name} names no operation`);
      const { apiPath, directivesText } = splitHead(pathname.slice(0, match.index), dialect.apiPath);
      const model = match.groups?.model;
      return {
        dialect,
        operation,
        body: route.body ?? "json",
        ...(model === undefined ? {} : { pathModel: decodeSegment(model) }),
        apiPath,
        directivesText,
      };
    }
  }
  return undefined;
}

function splitHead(head: string, apiPathPattern: RegExp | undefined): { apiPath: string; directivesText: string } {
  const hasDirectives = head.startsWith(MOCK_PREFIX);
  // Keep the leading "/" so an API prefix right after `/_mock` (`/_mock/v1`) is still recognised.
  const rest = hasDirectives ? head.slice(MOCK_PREFIX.length - 1) : head;
  const apiMatch = apiPathPattern?.exec(rest);
  const apiPath = apiMatch ? apiMatch[0] : "";
  if (!hasDirectives) return { apiPath, directivesText: "" };
  return { apiPath, directivesText: rest.slice(1, rest.length - apiPath.length) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Drops the query string without allocating a URL object on the hot path. */
export function pathnameOf(url: string | undefined): string {
  if (!url) return "/";
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
