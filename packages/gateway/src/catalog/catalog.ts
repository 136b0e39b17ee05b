import { CATALOG_DATA } from "./models/index.js";
import { type CatalogModel, CatalogModelSchema, type ModelPrice } from "./schema.js";

const DATE_SUFFIX = /-\d{4}-\d{2}-\d{2}$|-\d{4}$/;

/**
 * The model catalogue: capabilities, limits and prices by provider. A name resolves by
 * provider model id, alias or the model's own name; a dated snapshot name falls back to
 * its undated entry. Lookups are memoised: names come from clients, so the memo is bounded.
 */
export class Catalog {
  readonly models: readonly CatalogModel[];
  private readonly byProviderName = new Map<string, CatalogModel>();
  private readonly memo = new Map<string, CatalogModel | null>();

  constructor(data: readonly unknown[]) {
    this.models = data.map((m) => CatalogModelSchema.parse(m));
    // Exact names first, so an alias can never shadow another entry's own id.
    for (const m of this.models) this.byProviderName.set(`${m.provider}\u0000${m.providerModelId}`, m);
    for (const m of this.models) {
      for (const name of [...m.aliases, m.model]) {
        const key = `${m.provider}\u0000${name}`;
        if (!this.byProviderName.has(key)) this.byProviderName.set(key, m);
      }
    }
  }

  find(provider: string, name: string): CatalogModel | undefined {
    const key = `${provider}\u0000${name}`;
    let found = this.memo.get(key);
    if (found === undefined) {
      found = this.byProviderName.get(key) ?? this.byProviderName.get(`${provider}\u0000${name.replace(DATE_SUFFIX, "")}`) ?? null;
      if (this.memo.size >= 10_000) this.memo.clear();
      this.memo.set(key, found);
    }
    return found ?? undefined;
  }

  /** A model's price as served by a provider; the demo provider is priced as the model it names. */
  price(provider: string, name: string): ModelPrice | undefined {
    const own = this.find(provider, name)?.price;
    if (own) return own;
    if (provider !== "demo") return undefined;
    for (const m of this.models) if (m.providerModelId === name || m.model === name || m.aliases.includes(name)) return m.price ?? undefined;
    return undefined;
  }

  /** The providers that serve a model (by its own name or a provider id or alias). */
  servedBy(name: string): CatalogModel[] {
    return this.models.filter((m) => !m.deactivated && (m.model === name || m.providerModelId === name || m.aliases.includes(name)));
  }
}

export const catalog = new Catalog(CATALOG_DATA);
