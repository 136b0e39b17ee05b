import type { RequestOptions, Transport } from "../transport.js";
import type { LlmProviderInfo } from "../types/providers.js";

export class LlmProviders {
  constructor(private readonly transport: Transport) {}

  /** The gateway's provider registry, each marked `configured` when the organisation has a key for it. */
  async list(options: RequestOptions = {}): Promise<LlmProviderInfo[]> {
    const page = await this.transport.json<{ data: LlmProviderInfo[] }>("GET", "/v1/providers", options);
    return page.data;
  }
}
