import { Hono } from "hono";
import { z } from "zod";
import { generateApiKey, newApiKeyRow } from "../keys/api-key.js";
import { ApiKeyIamSchema } from "../keys/iam.js";
import { GatewayError, notFound } from "../lib/errors.js";
import type { ApiKeyRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

const governance = {
  iam: ApiKeyIamSchema.nullable().optional(),
  /** Lifetime spend cap in USD. */
  usageLimitUsd: z.number().positive().max(1_000_000_000).nullable().optional(),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
};
const CreateApiKey = z.object({ name: z.string().trim().min(1).max(100), ...governance }).strict();
const UpdateApiKey = z.object({ name: z.string().trim().min(1).max(100).optional(), ...governance }).strict();

/** Column values for the fields the input sets; absent fields are left as they are. */
function governanceColumns(input: { iam?: unknown; usageLimitUsd?: number | null; expiresAt?: string | null }) {
  return {
    ...(input.iam === undefined ? {} : { iam: input.iam === null ? null : JSON.stringify(input.iam) }),
    ...(input.usageLimitUsd === undefined ? {} : { usage_limit_micro_usd: input.usageLimitUsd === null ? null : Math.round(input.usageLimitUsd * 1_000_000) }),
    ...(input.expiresAt === undefined ? {} : { expires_at: input.expiresAt === null ? null : Date.parse(input.expiresAt) }),
  };
}

export function presentApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    key: row.masked,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
    iam: row.iam === null ? null : JSON.parse(row.iam),
    usageLimitUsd: row.usage_limit_micro_usd === null ? null : row.usage_limit_micro_usd / 1_000_000,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  };
}

export function apiKeyRoutes({ store, snapshot }: AdminServices) {
  const app = new Hono<AdminEnv>();

  app.post("/", async (c) => {
    const input = parseWith(CreateApiKey, await jsonBody(c));
    const name = input.name;
    const key = generateApiKey();
    const row: ApiKeyRow = { ...newApiKeyRow(c.get("apiKey").orgId, name, "gateway", key), ...governanceColumns(input) };
    await store.apiKeys.insert(row);
    await snapshot.reload();
    // The only time the key is ever shown.
    return c.json({ ...presentApiKey(row), key }, 201);
  });

  app.get("/", async (c) => {
    const rows = await store.apiKeys.list(c.get("apiKey").orgId);
    return c.json({ data: rows.map(presentApiKey) });
  });

  app.get("/:id", async (c) => {
    const row = await store.apiKeys.get(c.get("apiKey").orgId, c.req.param("id"));
    if (!row) throw notFound(`API key "${c.req.param("id")}" does not exist.`, "api_key_not_found");
    return c.json(presentApiKey(row));
  });

  app.patch("/:id", async (c) => {
    const input = parseWith(UpdateApiKey, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    const id = c.req.param("id");
    const changes = { ...(input.name === undefined ? {} : { name: input.name }), ...governanceColumns(input) };
    const exists = Object.keys(changes).length === 0 ? !!(await store.apiKeys.get(orgId, id)) : await store.apiKeys.update(orgId, id, changes);
    if (!exists) throw notFound(`API key "${id}" does not exist.`, "api_key_not_found");
    await snapshot.reload();
    return c.json(presentApiKey((await store.apiKeys.get(orgId, id))!));
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
