import { z } from "zod";
import type { ProviderKeyRow } from "../store/index.js";

const httpUrl = z
  .string()
  .max(2048)
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");

/**
 * What a provider key carries besides its secret. `baseUrl` is where requests made with the
 * key go, for virtual keys that set no `customBaseUrl` of their own (a regional endpoint,
 * a proxy, a self-hosted server). Unknown fields are refused, never stored and ignored.
 */
export const ProviderKeyConfigSchema = z
  .object({
    baseUrl: httpUrl.optional(),
  })
  .strict();

export type ProviderKeyConfig = z.infer<typeof ProviderKeyConfigSchema>;

/** The stored config of a key; null when it has none or it no longer parses (then it configures nothing). */
export function storedConfig(row: Pick<ProviderKeyRow, "config">): ProviderKeyConfig | null {
  if (!row.config) return null;
  let value: unknown;
  try {
    value = JSON.parse(row.config);
  } catch {
    return null;
  }
  const parsed = ProviderKeyConfigSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The stored form of a config: null when it sets nothing. */
export function configColumn(config: ProviderKeyConfig | null | undefined): string | null {
  return config && Object.keys(config).length > 0 ? JSON.stringify(config) : null;
}

/** The base URL a provider key configures, or null. */
export function configuredBaseUrl(row: Pick<ProviderKeyRow, "config"> | null | undefined): string | null {
  return row ? (storedConfig(row)?.baseUrl ?? null) : null;
}
