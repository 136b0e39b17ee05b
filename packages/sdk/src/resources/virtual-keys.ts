import type { RequestOptions, Transport } from "../transport.js";
import type { VirtualKey, VirtualKeyCreate, VirtualKeyUpdate } from "../types/admin.js";

const path = (slug?: string) => (slug === undefined ? "/api/virtual-keys" : `/api/virtual-keys/${encodeURIComponent(slug)}`);

/** Virtual keys over the admin API (needs an admin key). */
export class VirtualKeys {
  constructor(private readonly transport: Transport) {}

  /** Throws `IgrisConflictError` when the slug is taken and `IgrisValidationError` for an invalid field. */
  create(body: VirtualKeyCreate, options: RequestOptions = {}): Promise<VirtualKey> {
    return this.transport.json<VirtualKey>("POST", path(), { ...options, body });
  }

  async list(options: RequestOptions = {}): Promise<VirtualKey[]> {
    return (await this.transport.json<{ data: VirtualKey[] }>("GET", path(), options)).data;
  }

  get(slug: string, options: RequestOptions = {}): Promise<VirtualKey> {
    return this.transport.json<VirtualKey>("GET", path(slug), options);
  }

  update(slug: string, body: VirtualKeyUpdate, options: RequestOptions = {}): Promise<VirtualKey> {
    return this.transport.json<VirtualKey>("PATCH", path(slug), { ...options, body });
  }

  async delete(slug: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.json<void>("DELETE", path(slug), options);
  }
}
