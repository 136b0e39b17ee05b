import { Hono } from "hono";
import { z } from "zod";
import { generateApiKey, hashApiKey, maskApiKey } from "../keys/api-key.js";
import { GatewayError, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import type { ApiKeyRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

const CreateApiKey = z.object({ name: z.string().trim().min(1).max(100) }).strict();

export function presentApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    key: row.masked,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}

export function apiKeyRoutes({ store, snapshot }: AdminServices) {
  const app = new Hono<AdminEnv>();

  app.post("/", async (c) => {
    const { name } = parseWith(CreateApiKey, await jsonBody(c));
    const key = generateApiKey();
    const row: ApiKeyRow = {
      id: newId("key"),
      org_id: c.get("apiKey").orgId,
      name,
      role: "gateway",
      key_hash: hashApiKey(key),
      masked: maskApiKey(key),
      status: "active",
      created_at: Date.now(),
      revoked_at: null,
      iam: null,
      usage_limit_micro_usd: null,
      expires_at: null,
    };
    await store.apiKeys.insert(row);
    await snapshot.reload();
    // The only time the key is ever shown.
    return c.json({ id: row.id, name, key, role: row.role, createdAt: new Date(row.created_at).toISOString() }, 201);
  });

  app.get("/", async (c) => {
    const rows = await store.apiKeys.list(c.get("apiKey").orgId);
    return c.json({ data: rows.map(presentApiKey) });
  });

  app.delete("/:id", async (c) => {
    const id = c.req.param("id");
    if (id === c.get("apiKey").id) {
      throw new GatewayError(409, "conflict_error", "An API key cannot revoke itself; use another admin key.", "cannot_revoke_self");
    }
    if (!(await store.apiKeys.revoke(c.get("apiKey").orgId, id, Date.now()))) throw notFound(`API key "${id}" does not exist.`, "api_key_not_found");
    await snapshot.reload();
    return c.json({ id, status: "revoked" });
  });

  return app;
}
