import { Hono } from "hono";
import { GatewayError, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { type Route, RouteSchema, routeVirtualKeys } from "../routing/route-schema.js";
import type { RouteRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

/** Fields GET adds to a route. A PUT may send them back (GET, edit, PUT); they are dropped, never stored. */
const READ_ONLY = ["virtualKeys", "createdAt", "updatedAt"];

function present(row: RouteRow, attached: string[]) {
  return {
    name: row.name,
    ...(JSON.parse(row.definition) as Omit<Route, "name">),
    virtualKeys: attached,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The stored definition: the route without its name, which has its own column. */
function definitionOf(route: Route): string {
  const { name: _, ...definition } = route;
  return JSON.stringify(definition);
}

function withoutReadOnly(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k)));
}

const routeExists = (name: string) => new GatewayError(409, "conflict_error", `A route named "${name}" already exists.`, "route_exists", "name");
const routeNotFound = (name: string) => notFound(`Route "${name}" does not exist.`, "route_not_found");

type RouteStore = AdminServices["store"];

/** 422 naming the first target whose virtual key the organisation does not have. */
async function requireVirtualKeys(store: RouteStore, orgId: string, route: Route): Promise<void> {
  const known = new Set((await store.virtualKeys.list(orgId)).map((vk) => vk.slug));
  const unknown = routeVirtualKeys(route).find((t) => !known.has(t.slug));
  if (unknown) throw new GatewayError(422, "invalid_request_error", `${unknown.path}: virtual key "${unknown.slug}" does not exist`, "unknown_virtual_key", unknown.path);
  const semantic = route.cache?.semantic;
  if (semantic && !known.has(semantic.virtualKey)) {
    const path = "cache.semantic.virtualKey";
    throw new GatewayError(422, "invalid_request_error", `${path}: virtual key "${semantic.virtualKey}" does not exist`, "unknown_virtual_key", path);
  }
}

async function attachedTo(store: RouteStore, orgId: string, name: string): Promise<string[]> {
  return (await store.routes.attachments(orgId)).filter((a) => a.route_name === name).map((a) => a.virtual_key);
}

async function requireRoute(store: RouteStore, orgId: string, name: string): Promise<RouteRow> {
  const row = await store.routes.get(orgId, name);
  if (!row) throw routeNotFound(name);
  return row;
}

/** 409 while virtual keys follow the route. */
async function requireUnused(store: RouteStore, orgId: string, name: string): Promise<void> {
  const attached = await attachedTo(store, orgId, name);
  if (attached.length > 0) {
    throw new GatewayError(409, "conflict_error", `Route "${name}" is attached to virtual keys ${attached.join(", ")}; detach them first.`, "route_in_use");
  }
}

/** The route in a PUT body: the path names it, and it cannot be renamed. */
function parseReplacement(body: unknown, name: string): Route {
  const plain = withoutReadOnly(body);
  const named = plain && typeof plain === "object" && !Array.isArray(plain) && !("name" in plain) ? { ...plain, name } : plain;
  const route = parseWith(RouteSchema, named);
  if (route.name !== name) throw new GatewayError(422, "invalid_request_error", `name: a route cannot be renamed (expected "${name}")`, "validation_error", "name");
  return route;
}

/** /api/routes: named routes (`model: "@route:<name>"`) and the virtual keys attached to them. */
export function routeConfigRoutes(services: AdminServices) {
  const app = new Hono<AdminEnv>();
  const { store, snapshot } = services;

  app.get("/", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const [rows, attachments] = await Promise.all([store.routes.list(orgId), store.routes.attachments(orgId)]);
    const attached = (name: string) => attachments.filter((a) => a.route_name === name).map((a) => a.virtual_key);
    return c.json({ data: rows.map((row) => present(row, attached(row.name))) });
  });

  app.post("/", async (c) => {
    // Strict: a new route has no attachments or timestamps to send back, so such fields are mistakes.
    const route = parseWith(RouteSchema, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    if (await store.routes.get(orgId, route.name)) throw routeExists(route.name);
    await requireVirtualKeys(store, orgId, route);
    const now = Date.now();
    const row: RouteRow = { id: newId("rt", now), org_id: orgId, name: route.name, definition: definitionOf(route), created_at: now, updated_at: now };
    try {
      await store.routes.insert(row);
    } catch (err) {
      // A concurrent create of the same name lost the race on the unique constraint.
      if (await store.routes.get(orgId, route.name)) throw routeExists(route.name);
      throw err;
    }
    await snapshot.reload();
    return c.json(present(row, []), 201);
  });

  app.get("/:name", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const row = await requireRoute(store, orgId, c.req.param("name"));
    return c.json(present(row, await attachedTo(store, orgId, row.name)));
  });

  app.put("/:name", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const name = c.req.param("name");
    const route = parseReplacement(await jsonBody(c), name);
    const row = await requireRoute(store, orgId, name);
    await requireVirtualKeys(store, orgId, route);
    const updated = { ...row, definition: definitionOf(route), updated_at: Date.now() };
    await store.routes.replace(orgId, name, updated.definition, updated.updated_at);
    await snapshot.reload();
    return c.json(present(updated, await attachedTo(store, orgId, name)));
  });

  app.delete("/:name", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const name = c.req.param("name");
    await requireRoute(store, orgId, name);
    await requireUnused(store, orgId, name);
    try {
      await store.routes.delete(orgId, name);
    } catch (err) {
      // A key attached between the check and the delete: the foreign key refused it.
      await requireUnused(store, orgId, name);
      throw err;
    }
    await snapshot.reload();
    return c.body(null, 204);
  });

  attachmentRoutes(app, services);
  return app;
}

/** /api/routes/{name}/virtual-keys/{slug}: which virtual keys follow a route. */
function attachmentRoutes(app: Hono<AdminEnv>, { store, snapshot }: AdminServices): void {
  /** Requests through the virtual key follow the route from now on (replacing any route it had). */
  app.put("/:name/virtual-keys/:slug", async (c) => {
    const orgId = c.get("apiKey").orgId;
    const { name, slug } = c.req.param();
    await requireRoute(store, orgId, name);
    if (!(await store.virtualKeys.get(orgId, slug))) throw notFound(`Virtual key "${slug}" does not exist.`, "virtual_key_not_found");
    try {
      await store.routes.attach({ org_id: orgId, virtual_key: slug, route_name: name, updated_at: Date.now() });
    } catch (err) {
      // The route or the key was deleted meanwhile: the foreign keys refused the attachment.
      await requireRoute(store, orgId, name);
      throw err;
    }
    await snapshot.reload();
    return c.json({ route: name, virtualKey: slug });
  });

  app.delete("/:name/virtual-keys/:slug", async (c) => {
    const { name, slug } = c.req.param();
    if (!(await store.routes.detach(c.get("apiKey").orgId, slug, name))) {
      throw notFound(`Virtual key "${slug}" is not attached to route "${name}".`, "route_attachment_not_found");
    }
    await snapshot.reload();
    return c.body(null, 204);
  });
}
