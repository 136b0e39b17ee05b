import { ROUTE_NAME } from "./route-schema.js";

const PREFIX = "@route:";

/**
 * `@route:<name>` or `@route:<name>/<model>` → the route's name and the model the request names (null
 * when it names none, so each target must carry its own). null when the value is not a route reference.
 */
export function parseRouteModel(value: string): { route: string; model: string | null } | null {
  if (!value.startsWith(PREFIX)) return null;
  const rest = value.slice(PREFIX.length);
  const slash = rest.indexOf("/");
  const route = slash < 0 ? rest : rest.slice(0, slash);
  const model = slash < 0 ? null : rest.slice(slash + 1);
  if (!ROUTE_NAME.test(route) || model === "") return null;
  return { route, model };
}
