import type { RequestOptions, Transport } from "../transport.js";
import type { EmbeddingsRequest, EmbeddingsResponse } from "../types/embeddings.js";
import { withUserHeader } from "./with-user-header.js";

export class Embeddings {
  constructor(private readonly transport: Transport) {}

  create(request: EmbeddingsRequest, options: RequestOptions = {}): Promise<EmbeddingsResponse> {
    return this.transport.json<EmbeddingsResponse>("POST", "/v1/embeddings", { ...options, body: request, headers: withUserHeader(request.user, options) });
  }
}
