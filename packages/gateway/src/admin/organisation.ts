import { Hono } from "hono";
import { z } from "zod";
import type { OrganisationRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

const UpdateOrganisation = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** Add `metadata: { provider, cost_usd, cost_breakdown }` to non-streaming chat answers. */
    responseMetadata: z.boolean().optional(),
  })
  .strict();

function present(org: OrganisationRow) {
  return {
    id: org.id,
    name: org.name,
    responseMetadata: org.response_metadata !== 0,
    defaultAction: org.default_action,
    createdAt: new Date(org.created_at).toISOString(),
  };
}

/** The caller's organisation and its settings. */
export function organisationRoutes({ store, snapshot }: AdminServices) {
  const app = new Hono<AdminEnv>();

  app.get("/", async (c) => c.json(present((await store.getOrganisation(c.get("apiKey").orgId))!)));

  app.patch("/", async (c) => {
    const input = parseWith(UpdateOrganisation, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    if (input.responseMetadata !== undefined) await store.updateOrganisation(orgId, { response_metadata: input.responseMetadata ? 1 : 0 });
    if (input.name !== undefined) await store.renameOrganisation(orgId, input.name);
    await snapshot.reload();
    return c.json(present((await store.getOrganisation(orgId))!));
  });

  return app;
}
