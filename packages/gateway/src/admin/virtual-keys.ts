import { Hono } from "hono";
import { z } from "zod";
import { GatewayError, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { configuredBaseUrl } from "../provider-keys/index.js";
import { findProvider } from "../providers/registry.js";
import type { ProviderKeyRow, Store, VirtualKeyRow } from "../store/index.js";
import type { AdminEnv, AdminServices } from "./services.js";
import { jsonBody, parseWith } from "./validate.js";

const SLUG = /^[a-z0-9][a-z0-9_-]{1,63}$/;
const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");
const models = z.array(z.string().min(1).max(200)).max(500);
/** How long the response cache keeps this key's answers (1 s – 30 days). */
const cacheTtl = z.number().int().min(1).max(30 * 86_400);

const CreateVirtualKey = z
  .object({
    slug: z.string().regex(SLUG, "must match ^[a-z0-9][a-z0-9_-]{1,63}$"),
    provider: z.string().refine((p) => !!findProvider(p), "unknown provider"),
    // Absent: use the organisation's provider key for this provider.
    apiKey: z.string().min(1).max(8192).optional(),
    customBaseUrl: httpUrl.optional(),
    models: models.optional(),
    enabled: z.boolean().optional(),
    cacheTtlSeconds: cacheTtl.optional(),
  })
  .strict();

const UpdateVirtualKey = z
  .object({
    provider: z.string().refine((p) => !!findProvider(p), "unknown provider").optional(),
    // null: switch to the organisation's provider key for this provider.
    apiKey: z.string().min(1).max(8192).nullable().optional(),
    customBaseUrl: httpUrl.nullable().optional(),
    models: models.nullable().optional(),
    enabled: z.boolean().optional(),
    cacheTtlSeconds: cacheTtl.nullable().optional(),
  })
  .strict();

/** The public shape of a virtual key: never the credential. */
export function presentVirtualKey(row: VirtualKeyRow) {
  return {
    id: row.id,
    slug: row.slug,
    provider: row.provider,
    customBaseUrl: row.custom_base_url,
    models: row.models ? (JSON.parse(row.models) as string[]) : null,
    enabled: row.enabled === 1,
    usesProviderKey: row.uses_provider_key === 1,
    cacheTtlSeconds: row.cache_ttl_seconds ?? null,
    credentialKeyVersion: row.uses_provider_key === 1 ? null : row.credential_key_version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A virtual key without its own credential needs its organisation's active provider key: 422 naming `apiKey` otherwise. */
async function requireProviderKey(store: Store, orgId: string, provider: string): Promise<ProviderKeyRow> {
  const key = await store.providerKeys.activeKey(orgId, provider);
  if (!key) {
    throw new GatewayError(422, "invalid_request_error", `apiKey: required, since the organisation has no active ${provider} provider key (POST /v1/tenants/${orgId}/providers/${provider}/keys)`, "validation_error", "apiKey");
  }
  return key;
}

/** The credential columns of a virtual key that uses its organisation's provider key. */
const PROVIDER_KEY_COLUMNS = { credential_ciphertext: "", credential_key_version: "", uses_provider_key: 1 };

function requireBaseUrl(services: AdminServices, providerSlug: string, customBaseUrl: string | null | undefined): void {
  const provider = findProvider(providerSlug)!;
  if (!services.snapshot.baseUrlFor(provider, customBaseUrl ?? null)) {
    throw new GatewayError(422, "invalid_request_error", `customBaseUrl: provider ${providerSlug} has no public endpoint; customBaseUrl is required`, "validation_error", "customBaseUrl");
  }
}

export function virtualKeyRoutes(services: AdminServices) {
  const app = new Hono<AdminEnv>();
  const { store, snapshot } = services;

  app.post("/", async (c) => {
    const input = parseWith(CreateVirtualKey, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    const providerKey = input.apiKey === undefined ? await requireProviderKey(store, orgId, input.provider) : null;
    requireBaseUrl(services, input.provider, input.customBaseUrl ?? configuredBaseUrl(providerKey));
    if (await store.virtualKeys.get(orgId, input.slug)) {
      throw new GatewayError(409, "conflict_error", `A virtual key with slug "${input.slug}" already exists.`, "virtual_key_exists", "slug");
    }
    const id = newId("vk");
    const now = Date.now();
    const row: VirtualKeyRow = {
      id,
      org_id: orgId,
      slug: input.slug,
      provider: input.provider,
      ...(input.apiKey === undefined ? PROVIDER_KEY_COLUMNS : sealedColumns(services, input.apiKey, id)),
      custom_base_url: input.customBaseUrl ?? null,
      models: input.models ? JSON.stringify(input.models) : null,
      enabled: input.enabled === false ? 0 : 1,
      cache_ttl_seconds: input.cacheTtlSeconds ?? null,
      created_at: now,
      updated_at: now,
    };
    try {
      await store.virtualKeys.insert(row);
    } catch (err) {
      // A concurrent create of the same slug lost the race on the unique constraint.
      if (await store.virtualKeys.get(orgId, input.slug)) {
        throw new GatewayError(409, "conflict_error", `A virtual key with slug "${input.slug}" already exists.`, "virtual_key_exists", "slug");
      }
      throw err;
    }
    await snapshot.reload();
    return c.json(presentVirtualKey(row), 201);
  });

  app.get("/", async (c) => {
    const rows = await store.virtualKeys.list(c.get("apiKey").orgId);
    return c.json({ data: rows.map(presentVirtualKey) });
  });

  app.get("/:slug", async (c) => {
    const row = await store.virtualKeys.get(c.get("apiKey").orgId, c.req.param("slug"));
    if (!row) throw notFound(`Virtual key "${c.req.param("slug")}" does not exist.`, "virtual_key_not_found");
    return c.json(presentVirtualKey(row));
  });

  app.patch("/:slug", async (c) => {
    const input = parseWith(UpdateVirtualKey, await jsonBody(c));
    const orgId = c.get("apiKey").orgId;
    const slug = c.req.param("slug");
    const row = await store.virtualKeys.get(orgId, slug);
    if (!row) throw notFound(`Virtual key "${slug}" does not exist.`, "virtual_key_not_found");
    const provider = input.provider ?? row.provider;
    const customBaseUrl = input.customBaseUrl === undefined ? row.custom_base_url : input.customBaseUrl;
    const usesProviderKey = input.apiKey === null || (input.apiKey === undefined && row.uses_provider_key === 1);
    const providerKey = usesProviderKey ? await requireProviderKey(store, orgId, provider) : null;
    requireBaseUrl(services, provider, customBaseUrl ?? configuredBaseUrl(providerKey));
    const changes = {
      provider,
      custom_base_url: customBaseUrl,
      models: input.models === undefined ? row.models : input.models === null ? null : JSON.stringify(input.models),
      enabled: input.enabled === undefined ? row.enabled : input.enabled ? 1 : 0,
      cache_ttl_seconds: input.cacheTtlSeconds === undefined ? (row.cache_ttl_seconds ?? null) : input.cacheTtlSeconds,
      updated_at: Date.now(),
      ...(input.apiKey === null ? PROVIDER_KEY_COLUMNS : input.apiKey === undefined ? {} : sealedColumns(services, input.apiKey, row.id)),
    };
    await store.virtualKeys.update(orgId, slug, changes);
    await snapshot.reload();
    return c.json(presentVirtualKey({ ...row, ...changes }));
  });

  app.delete("/:slug", async (c) => {
    const slug = c.req.param("slug");
    if (!(await store.virtualKeys.delete(c.get("apiKey").orgId, slug))) throw notFound(`Virtual key "${slug}" does not exist.`, "virtual_key_not_found");
    await snapshot.reload();
    return c.body(null, 204);
  });

  return app;
}

function sealedColumns(services: AdminServices, apiKey: string, id: string) {
  const sealed = services.cipher.seal(apiKey, id);
  return { credential_ciphertext: sealed.ciphertext, credential_key_version: sealed.keyVersion, uses_provider_key: 0 };
}
