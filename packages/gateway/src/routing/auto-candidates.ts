import type { CatalogModel } from "../catalog/schema.js";
import { blendedPrice } from "./blended-price.js";
import type { BreakerState } from "./breaker-types.js";
import type { VirtualKeyView } from "./resolve-targets.js";
import { targetKey } from "./target-key.js";

export interface AutoVirtualKey extends VirtualKeyView {
  slug: string;
}

export interface AutoCandidateInput {
  orgId: string;
  /** The plain model the client asked for, e.g. "llama-3.3-70b-instruct". */
  model: string;
  catalogue: { servedBy(name: string): CatalogModel[] };
  /** Every virtual key of the organisation. */
  virtualKeys: readonly AutoVirtualKey[];
  /** From `X-Igris-Provider`: only this provider's keys are considered. */
  pinnedProvider?: string | null;
  breakerState(targetKey: string): BreakerState;
  latencyMs(targetKey: string): number | undefined;
}

export interface AutoCandidate {
  virtualKey: string;
  provider: string;
  /** What the provider's API expects in `model`. */
  model: string;
  targetKey: string;
  /** USD per million tokens at 3:1 input:output; undefined when the catalogue has no price. */
  blendedPrice: number | undefined;
  breaker: Exclude<BreakerState, "open">;
}

export type AutoSkipReason = "virtual_key_disabled" | "model_not_allowed" | "circuit_open";

export interface AutoPlan {
  /** In the order to try them; empty when nothing can serve the model (`skipped` says why, when something was close). */
  candidates: AutoCandidate[];
  skipped: { virtualKey: string; provider: string; reason: AutoSkipReason }[];
}

const HEALTH_RANK = { closed: 0, half_open: 1 } as const;

/**
 * The automatic provider choice for a plain model: the catalogue's providers for it, crossed with the
 * organisation's virtual keys. Ordered by blended price (unknown last), then health (closed before
 * half-open), then recent latency (no recent sample first, so it gets measured), then slug. Open
 * breakers, disabled keys and keys whose allowlist refuses the model are left out.
 */
export function autoCandidates(input: AutoCandidateInput): AutoPlan {
  const entries = entryPerProvider(input.catalogue.servedBy(input.model), input.model);
  const candidates: (AutoCandidate & { latency: number | undefined })[] = [];
  const skipped: AutoPlan["skipped"] = [];
  for (const vk of input.virtualKeys) {
    const provider = vk.provider.slug;
    const entry = entries.get(provider);
    if (!entry || (input.pinnedProvider && provider !== input.pinnedProvider)) continue;
    const skip = (reason: AutoSkipReason) => skipped.push({ virtualKey: vk.slug, provider, reason });
    if (!vk.enabled) {
      skip("virtual_key_disabled");
      continue;
    }
    // An allowlist may name either the model the client asked for or the provider's own id for it.
    if (!vk.allowsModel(entry.providerModelId) && !vk.allowsModel(input.model)) {
      skip("model_not_allowed");
      continue;
    }
    const key = targetKey({ orgId: input.orgId, virtualKey: vk.slug, provider, model: entry.providerModelId });
    const breaker = input.breakerState(key);
    if (breaker === "open") {
      skip("circuit_open");
      continue;
    }
    const price = entry.price ? blendedPrice(entry.price) : undefined;
    candidates.push({ virtualKey: vk.slug, provider, model: entry.providerModelId, targetKey: key, blendedPrice: price, breaker, latency: input.latencyMs(key) });
  }
  candidates.sort(
    (a, b) =>
      compareMaybe(a.blendedPrice, b.blendedPrice, "last") ||
      HEALTH_RANK[a.breaker] - HEALTH_RANK[b.breaker] ||
      compareMaybe(a.latency, b.latency, "first") ||
      (a.virtualKey < b.virtualKey ? -1 : a.virtualKey > b.virtualKey ? 1 : 0),
  );
  return { candidates: candidates.map(({ latency: _, ...c }) => c), skipped };
}

/** One catalogue entry per provider: the one whose own id is the name asked for, else the first. */
function entryPerProvider(entries: CatalogModel[], name: string): Map<string, CatalogModel> {
  const byProvider = new Map<string, CatalogModel>();
  for (const entry of entries) {
    const current = byProvider.get(entry.provider);
    if (!current || (entry.providerModelId === name && current.providerModelId !== name)) byProvider.set(entry.provider, entry);
  }
  return byProvider;
}

function compareMaybe(a: number | undefined, b: number | undefined, unknown: "first" | "last"): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return unknown === "first" ? -1 : 1;
  if (b === undefined) return unknown === "first" ? 1 : -1;
  return a - b;
}
