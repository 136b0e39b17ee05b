import { blendedPriceOf, type PriceBook } from "./blended-price.js";
import type { BreakerState } from "./breaker-types.js";
import { type AttemptSettings, type ResolvedGroup, type ResolvedLeaf, resolveTargets, type SkipReason, type TargetEnvironment } from "./resolve-targets.js";
import type { Route, TargetGroup } from "./route-schema.js";

export interface PlanContext extends TargetEnvironment {
  /** States fetched beforehand (`CircuitBreaker.states(targetKeysOf(...))`); unknown keys count as closed. */
  breakerState(targetKey: string): BreakerState;
  prices: PriceBook;
  /** Recent latency of a target in ms, or undefined when there is no recent sample. */
  latencyMs(targetKey: string): number | undefined;
  /** Uniform in [0, 1), like Math.random. */
  random(): number;
}

export interface PlannedAttempt extends AttemptSettings {
  path: string;
  virtualKey: string;
  provider: string;
  model: string;
  targetKey: string;
  /** half_open: the dispatcher must win a probe slot (`CircuitBreaker.acquire`) before calling. */
  breaker: Exclude<BreakerState, "open">;
}

export interface SkippedTarget {
  path: string;
  virtualKey: string;
  model: string | null;
  reason: SkipReason;
}

export interface AttemptPlan {
  /** In the order to try them; empty when no target can be used (`skipped` says why). */
  attempts: PlannedAttempt[];
  skipped: SkippedTarget[];
}

type Node = ResolvedLeaf | ResolvedGroup;
interface Ordered {
  node: Node;
  leaves: PlannedAttempt[];
}

/**
 * The targets of a route in the order to try them. fallback keeps the declared order; loadbalance draws
 * by weight, then the rest by weight in turn; cheapest ranks by blended price (unknown prices last);
 * fastest by recent latency (targets with no recent sample first, so they get measured). A nested group
 * takes its place as one target, ranked by its best member, then orders its own members by its own
 * strategy. Unusable targets and open breakers are left out and listed in `skipped`; a target repeated
 * with the same parameters is tried once.
 */
export function planAttempts(route: Route | TargetGroup, ctx: PlanContext): AttemptPlan {
  const skipped: SkippedTarget[] = [];
  const ordered = order(resolveTargets(route, ctx), ctx, skipped);
  const seen = new Set<string>();
  const attempts = ordered.filter((a) => {
    const identity = `${a.targetKey}\u0000${JSON.stringify(a.overrideParams)}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
  return { attempts, skipped };
}

function order(node: Node, ctx: PlanContext, skipped: SkippedTarget[]): PlannedAttempt[] {
  if (node.kind === "leaf") return usable(node, ctx, skipped);
  const children = node.children.map((child) => ({ node: child, leaves: order(child, ctx, skipped) })).filter((c) => c.leaves.length > 0);
  return arrange(node, children, ctx).flatMap((c) => c.leaves);
}

function usable(leaf: ResolvedLeaf, ctx: PlanContext, skipped: SkippedTarget[]): PlannedAttempt[] {
  const breaker = leaf.skip === null ? ctx.breakerState(leaf.targetKey!) : "open";
  if (leaf.skip !== null || breaker === "open") {
    skipped.push({ path: leaf.path, virtualKey: leaf.virtualKey, model: leaf.model, reason: leaf.skip ?? "circuit_open" });
    return [];
  }
  return [{ path: leaf.path, virtualKey: leaf.virtualKey, provider: leaf.provider!, model: leaf.model!, targetKey: leaf.targetKey!, breaker, ...leaf.settings }];
}

function arrange(group: ResolvedGroup, children: Ordered[], ctx: PlanContext): Ordered[] {
  switch (group.strategy) {
    case "fallback":
      return children;
    case "loadbalance":
      return weightedOrder(children, ctx.random);
    case "cheapest":
      return rankBy(children, (c) => best(c.leaves, (a) => blendedPriceOf(ctx.prices, a.provider, a.model)), "last");
    case "fastest":
      return rankBy(children, (c) => best(c.leaves, (a) => ctx.latencyMs(a.targetKey)), "first");
  }
}

/** The lowest known value among a child's targets. */
function best(leaves: PlannedAttempt[], metric: (a: PlannedAttempt) => number | undefined): number | undefined {
  let lowest: number | undefined;
  for (const leaf of leaves) {
    const value = metric(leaf);
    if (value !== undefined && (lowest === undefined || value < lowest)) lowest = value;
  }
  return lowest;
}

/** Ascending by metric, stable, with unknown values kept in declared order at one end. */
function rankBy(children: Ordered[], metric: (c: Ordered) => number | undefined, unknown: "first" | "last"): Ordered[] {
  const scored = children.map((child) => ({ child, value: metric(child) }));
  const known = scored.filter((s) => s.value !== undefined).sort((a, b) => a.value! - b.value!);
  const rest = scored.filter((s) => s.value === undefined);
  return (unknown === "first" ? [...rest, ...known] : [...known, ...rest]).map((s) => s.child);
}

/**
 * Weighted sampling without replacement: the first pick is proportional to weight among the usable
 * children (so open breakers shift their share to the others), and so is each next one among those left.
 * Zero-weight children are spares, tried last in declared order.
 */
function weightedOrder<T extends { node: { weight: number } }>(children: T[], random: () => number): T[] {
  const pool = children.filter((c) => c.node.weight > 0);
  const spares = children.filter((c) => c.node.weight <= 0);
  const out: T[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((sum, c) => sum + c.node.weight, 0);
    let r = random() * total;
    let index = pool.findIndex((c) => (r -= c.node.weight) < 0);
    // Rounding can leave r a hair above zero after the last child.
    if (index < 0) index = pool.length - 1;
    out.push(...pool.splice(index, 1));
  }
  return [...out, ...spares];
}
