export const DEFAULT_BASE_URL = "http://127.0.0.1:8787";

/** Reads an environment variable where there is one (Node, Bun, Deno with env access); browsers have none. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The gateway's origin: the option, then `IGRIS_BASE_URL`, then the local default; no trailing slash. */
export function resolveBaseUrl(option: string | undefined): string {
  const chosen = option !== undefined && option.trim() !== "" ? option.trim() : (readEnv("IGRIS_BASE_URL") ?? DEFAULT_BASE_URL);
  return chosen.replace(/\/+$/, "");
}
