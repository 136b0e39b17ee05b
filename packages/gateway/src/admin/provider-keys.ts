import { type Context, Hono } from "hono";
import { z } from "zod";
import { notFound } from "../lib/errors.js";
import { DEFAULT_GRACE_MINUTES, ProviderKeyConfigSchema, RotationService } from "../provider-keys/index.js";
import { findProvider } from "../providers/registry.js";
import { presentProviderKey, presentRotation } from "./present-provider-keys.js";
import { requireAdminKey } from "./require-admin-key.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

const secret = z.string().min(1).max(8192);

const CreateProviderKey = z.object({ api_key: secret, config: ProviderKeyConfigSchema.optional() }).strict();

const RotateProviderKey = z
  .object({
    new_api_key: secret,
    grace_period_minutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  })
  .strict();

/**
 * An organisation's provider keys and their rotation: `/v1/tenants/{tenant}/providers/{provider}/keys…`.
 * `{tenant}` is the caller's own organisation id; any other answers 404, whether it exists or not.
 */
export function providerKeyRoutes(services: AdminServices) {
  const app = new Hono<AdminEnv>();
  // Admin apps built without one (tests of other routes) still get a working service, on the wall clock.
  const rotations = services.rotations ?? new RotationService({ store: services.store, cipher: services.cipher, log: services.log, onSettled: () => services.snapshot.reload() });

  app.use("*", requireAdminKey(services));

  /** The organisation and provider a path names, once the caller may see them. */
  function scope(c: Context<AdminEnv>) {
    const tenant = c.req.param("tenant") ?? "";
    const provider = c.req.param("provider") ?? "";
    if (tenant !== c.get("apiKey").orgId) throw notFound(`Tenant "${tenant}" does not exist.`, "tenant_not_found");
    if (!findProvider(provider)) throw notFound(`Provider "${provider}" does not exist; GET /v1/providers lists them.`, "provider_not_found");
    return { orgId: tenant, provider };
  }

  app.post("/:tenant/providers/:provider/keys", async (c) => {
    const { orgId, provider } = scope(c);
    const input = parseWith(CreateProviderKey, await jsonBody(c));
    const row = await rotations.setActiveKey(orgId, provider, input.api_key, input.config ?? null);
    await services.snapshot.reload();
    return c.json(presentProviderKey(row), 201);
  });

  app.get("/:tenant/providers/:provider/keys", async (c) => {
    const { orgId, provider } = scope(c);
    return c.json({ data: (await rotations.keys(orgId, provider)).map(presentProviderKey) });
  });

  app.post("/:tenant/providers/:provider/keys/rotate", async (c) => {
    const { orgId, provider } = scope(c);
    const input = parseWith(RotateProviderKey, await jsonBody(c));
    const rotation = await rotations.rotate(orgId, provider, input.new_api_key, input.grace_period_minutes ?? DEFAULT_GRACE_MINUTES);
    await services.snapshot.reload();
    return c.json(presentRotation(rotation), 201);
  });

  app.get("/:tenant/providers/:provider/keys/rotations", async (c) => {
    const { orgId, provider } = scope(c);
    return c.json({ data: (await rotations.rotations(orgId, provider)).map(presentRotation) });
  });

  app.get("/:tenant/providers/:provider/keys/rotations/:rotation_id", async (c) => {
    const { orgId, provider } = scope(c);
    return c.json(presentRotation(await rotations.rotation(orgId, provider, c.req.param("rotation_id"))));
  });

  return app;
}
