import {
  DEFAULT_FALLBACK_ON,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  type FallbackCondition,
  isGroup,
  type RetrySettings,
  type Route,
  type Strategy,
  type TargetGroup,
  type TimeoutSettings,
} from "./route-schema.js";
import { targetKey } from "./target-key.js";

/** What planning needs of a virtual key; the snapshot's resolved virtual keys fit as they are. */
export interface VirtualKeyView {
  provider: { slug: string };
  enabled: boolean;
  allowsModel(model: string): boolean;
}

export interface TargetEnvironment {
  orgId: string;
  /** The model the request names (`@vk/<model>`, `@route:<name>/<model>`), or null when it names none. */
  requestModel: string | null;
  virtualKey(slug: string): VirtualKeyView | undefined;
}

export type SkipReason = "unknown_virtual_key" | "virtual_key_disabled" | "model_not_allowed" | "no_model" | "circuit_open";

/** Settings after inheritance: the leaf's own, else its nearest group's, else the defaults. */
export interface AttemptSettings {
  retry: RetrySettings;
  timeouts: TimeoutSettings;
  fallbackOn: readonly FallbackCondition[];
  overrideParams: Record<string, unknown>;
}

export interface ResolvedLeaf {
  kind: "leaf";
  /** Where the target sits in the route, e.g. "targets.1.targets.0". */
  path: string;
  weight: number;
  virtualKey: string;
  provider: string | null;
  model: string | null;
  targetKey: string | null;
  settings: AttemptSettings;
  /** Why the target cannot be used at all, or null. */
  skip: Exclude<SkipReason, "circuit_open"> | null;
}

export interface ResolvedGroup {
  kind: "group";
  path: string;
  weight: number;
  strategy: Strategy;
  children: (ResolvedLeaf | ResolvedGroup)[];
}

interface Inherited {
  retry: Partial<RetrySettings>;
  timeouts: Partial<TimeoutSettings>;
  fallbackOn: readonly FallbackCondition[] | undefined;
  overrideParams: Record<string, unknown>;
}

const ROOT: Inherited = { retry: {}, timeouts: {}, fallbackOn: undefined, overrideParams: {} };

/** Drops keys whose value is undefined, so spreading never overwrites an inherited value with nothing. */
function defined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function inherit(parent: Inherited, own: TargetGroup | Route | { retry?: object; timeouts?: object; overrideParams?: object }): Inherited {
  return {
    retry: { ...parent.retry, ...defined(own.retry) },
    timeouts: { ...parent.timeouts, ...defined(own.timeouts) },
    fallbackOn: "fallbackOn" in own && own.fallbackOn !== undefined ? own.fallbackOn : parent.fallbackOn,
    overrideParams: { ...parent.overrideParams, ...defined(own.overrideParams) },
  };
}

/**
 * The route as a tree of usable and unusable targets, every leaf's model, provider, breaker key and
 * settings worked out. Nothing is ordered or dropped yet: that is `planAttempts`'s job.
 */
export function resolveTargets(route: Route | TargetGroup, env: TargetEnvironment): ResolvedGroup {
  return resolveGroup(route, "", inherit(ROOT, route), env);
}

function resolveGroup(group: Route | TargetGroup, path: string, inherited: Inherited, env: TargetEnvironment): ResolvedGroup {
  const children = group.targets.map((target, i): ResolvedLeaf | ResolvedGroup => {
    const childPath = `${path}targets.${i}`;
    if (isGroup(target)) return resolveGroup(target, `${childPath}.`, inherit(inherited, target), env);
    const own = inherit(inherited, target);
    const settings: AttemptSettings = {
      retry: { ...DEFAULT_RETRY, ...own.retry },
      timeouts: { ...DEFAULT_TIMEOUTS, ...own.timeouts },
      fallbackOn: own.fallbackOn ?? DEFAULT_FALLBACK_ON,
      overrideParams: own.overrideParams,
    };
    const model = target.model ?? env.requestModel;
    const vk = env.virtualKey(target.virtualKey);
    const leaf: ResolvedLeaf = { kind: "leaf", path: childPath, weight: target.weight ?? 1, virtualKey: target.virtualKey, provider: vk?.provider.slug ?? null, model, targetKey: null, settings, skip: null };
    if (!vk) leaf.skip = "unknown_virtual_key";
    else if (!vk.enabled) leaf.skip = "virtual_key_disabled";
    else if (model === null) leaf.skip = "no_model";
    else if (!vk.allowsModel(model)) leaf.skip = "model_not_allowed";
    else leaf.targetKey = targetKey({ orgId: env.orgId, virtualKey: target.virtualKey, provider: vk.provider.slug, model });
    return leaf;
  });
  return { kind: "group", path: path.replace(/\.$/, ""), weight: "weight" in group ? (group.weight ?? 1) : 1, strategy: group.strategy, children };
}

export function leavesOf(node: ResolvedLeaf | ResolvedGroup): ResolvedLeaf[] {
  return node.kind === "leaf" ? [node] : node.children.flatMap(leavesOf);
}

/** The breaker keys of every usable target, to fetch their states in one call before planning. */
export function targetKeysOf(route: Route | TargetGroup, env: TargetEnvironment): string[] {
  return [...new Set(leavesOf(resolveTargets(route, env)).flatMap((l) => (l.targetKey ? [l.targetKey] : [])))];
}
