import { type CompiledGuard, compileGuard } from "./content-guard/index.js";
import { type CompiledRule, compileRules } from "./evaluate.js";
import type { PolicyRule } from "./rule-schema.js";

/** An allow rule's content guard, compiled once; a guard that fails to compile fails closed. */
export type RuleGuard = { guard: CompiledGuard; error: null } | { guard: null; error: string };

/** One organisation's policies, compiled for the hot path. */
export class PolicySet {
  private readonly orgRules: CompiledRule[];
  private readonly byVirtualKey = new Map<string, CompiledRule[]>();
  private readonly guards = new Map<PolicyRule, RuleGuard>();

  constructor(
    readonly defaultAction: "allow" | "deny",
    orgRules: readonly PolicyRule[],
    virtualKeyRules: ReadonlyMap<string, readonly PolicyRule[]>,
    readonly customDetectors: Readonly<Record<string, string>>,
    /** The organisation's switch for `metadata` in non-streaming answers (kept here with its other settings). */
    readonly responseMetadata = true,
  ) {
    this.orgRules = compileRules(orgRules, "org");
    for (const [slug, rules] of virtualKeyRules) this.byVirtualKey.set(slug, [...compileRules(rules, "virtualKey"), ...this.orgRules]);
    for (const rule of [...orgRules, ...[...virtualKeyRules.values()].flat()]) {
      if (rule.contentGuard) this.guards.set(rule, compileRuleGuard(rule.contentGuard.detectors, customDetectors));
    }
  }

  /** The virtual key's rules, then the organisation's. */
  rulesFor(virtualKey: string): readonly CompiledRule[] {
    return this.byVirtualKey.get(virtualKey) ?? this.orgRules;
  }

  guardOf(rule: PolicyRule): RuleGuard | undefined {
    return this.guards.get(rule);
  }

  static empty(): PolicySet {
    return new PolicySet("allow", [], new Map(), {});
  }
}

export function compileRuleGuard(detectors: string[], custom: Readonly<Record<string, string>>): RuleGuard {
  try {
    return { guard: compileGuard({ detectors, custom: { ...custom } }), error: null };
  } catch (err) {
    return { guard: null, error: (err as Error).message };
  }
}
