/** Azure OpenAI's GA API version, used when the virtual key's base URL names none. */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

/**
 * The path (after the base URL's own path) and query of an Azure OpenAI call. A base URL
 * ending in `/openai/v1` is Azure's v1 API: OpenAI's paths, the model in the body. Any
 * other (`https://<resource>.openai.azure.com/openai`) is the deployment API: the model
 * names the deployment, and `api-version` comes from the base URL's query or the default.
 */
export function azureRequestPath(baseUrl: string, model: string, operation: string): string {
  const url = new URL(baseUrl);
  const v1 = /\/openai\/v1\/?$/.test(url.pathname);
  const version = url.searchParams.get("api-version");
  if (v1) return version ? `${operation}?api-version=${encodeURIComponent(version)}` : operation;
  return `/deployments/${encodeURIComponent(model)}${operation}?api-version=${encodeURIComponent(version ?? DEFAULT_AZURE_API_VERSION)}`;
}
