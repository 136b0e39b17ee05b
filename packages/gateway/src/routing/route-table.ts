import type { RouteAttachmentRow, RouteRow } from "../store/index.js";
import { type Route, RouteSchema } from "./route-schema.js";

/**
 * Every organisation's routes, parsed once, for the hot path: a lookup by name (`@route:<name>`) and by
 * attached virtual key. Built from the store's rows when the snapshot reloads. A stored definition that
 * no longer validates is left out and reported through `onInvalid`, so requests naming it fail loudly
 * as an unknown route instead of running a half-understood one.
 */
export class RouteTable {
  readonly #byName: Map<string, Route>;
  readonly #byVirtualKey: Map<string, string>;

  private constructor(byName: Map<string, Route>, byVirtualKey: Map<string, string>) {
    this.#byName = byName;
    this.#byVirtualKey = byVirtualKey;
  }

  static empty(): RouteTable {
    return new RouteTable(new Map(), new Map());
  }

  static build(routes: readonly RouteRow[], attachments: readonly RouteAttachmentRow[], onInvalid: (row: RouteRow, reason: string) => void = () => {}): RouteTable {
    const byName = new Map<string, Route>();
    for (const row of routes) {
      let definition: unknown;
      try {
        definition = JSON.parse(row.definition);
      } catch {
        onInvalid(row, "definition is not JSON");
        continue;
      }
      const parsed = RouteSchema.safeParse({ ...(definition as object), name: row.name });
      if (parsed.success) byName.set(`${row.org_id}\u0000${row.name}`, parsed.data);
      else onInvalid(row, parsed.error.issues[0]?.message ?? "invalid");
    }
    const byVirtualKey = new Map(attachments.map((a) => [`${a.org_id}\u0000${a.virtual_key}`, a.route_name]));
    return new RouteTable(byName, byVirtualKey);
  }

  route(orgId: string, name: string): Route | undefined {
    return this.#byName.get(`${orgId}\u0000${name}`);
  }

  /** The route a virtual key is attached to, if any (undefined as well when that route is invalid). */
  routeForVirtualKey(orgId: string, slug: string): Route | undefined {
    const name = this.#byVirtualKey.get(`${orgId}\u0000${slug}`);
    return name === undefined ? undefined : this.route(orgId, name);
  }
}
