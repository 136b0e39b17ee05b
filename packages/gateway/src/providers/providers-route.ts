import { Hono } from "hono";
import { unauthorized } from "../lib/errors.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Store } from "../store/index.js";
import { PROVIDERS } from "./registry.js";

/** GET /v1/providers: the registry, marking the providers the caller's organisation has a virtual key for. */
export function providerRoutes(snapshot: Snapshot, store: Store) {
  const app = new Hono();
  app.get("/", async (c) => {
    const { key } = snapshot.keyFromHeader(c.req.header("authorization"));
    if (!key) throw unauthorized();
    const configured = new Set((await store.virtualKeys.list(key.orgId)).filter((vk) => vk.enabled === 1).map((vk) => vk.provider));
    return c.json({
      object: "list",
      data: PROVIDERS.map((p) => ({
        slug: p.slug,
        name: p.name,
        baseUrl: p.baseUrl,
        authStyle: p.authStyle,
        supportedEndpoints: p.supportedEndpoints,
        dialect: p.dialect,
        /** False for providers listed ahead of the dialect the gateway needs to reach them. */
        envKey: p.envKey,
        configured: configured.has(p.slug),
      })),
    });
  });
  return app;
}
