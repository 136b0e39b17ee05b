import type { ProviderInfo } from "../registry.js";
import { azureRequestPath } from "./azure/request-path.js";

/** Where a dialect puts an operation (`/chat/completions`, `/embeddings`) under the base URL. */
export function upstreamPath(provider: ProviderInfo, baseUrl: string, model: string, operation: string): string {
  switch (provider.dialect) {
    case "azure":
      return azureRequestPath(baseUrl, model, operation);
    default:
      return operation;
  }
}
