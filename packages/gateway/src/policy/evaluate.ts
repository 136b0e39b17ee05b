import { globMatcher } from "../lib/glob.js";
import { compileConditions, type PolicyInput } from "./conditions.js";
import type { PolicyRule } from "./rule-schema.js";

export type RuleOrigin = "virtualKey" | "org";

export interface CompiledRule {
  rule: PolicyRule;
  origin: RuleOrigin;
  matches(input: PolicyInput): boolean;
}

export interface PolicyDecision {
  action: "allow" | "deny";
  /** The rule that decided; null when nothing matched and the organisation's default applied. */
  rule: PolicyRule | null;
  origin: RuleOrigin | "default";
  /** Ids of the alert rules that matched on the way. */
  alerts: string[];
}

export function compileRules(rules: readonly PolicyRule[], origin: RuleOrigin): CompiledRule[] {
  return rules.map((rule) => {
    const target = rule.target;
    const targetMatches =
      target.kind === "llm_model" ? ((m) => (input: PolicyInput) => m(input.model))(globMatcher(target.model)) : (input: PolicyInput) => input.endpoint === target.endpoint;
    const conditionsHold = compileConditions(rule.conditions);
    return { rule, origin, matches: (input) => targetMatches(input) && conditionsHold(input) };
  });
}

/**
 * The virtual key's rules first, then the organisation's; the first allow or deny that
 * matches decides, alerts on the way are collected; nothing matching → the default.
 */
export function evaluatePolicy(rules: readonly CompiledRule[], defaultAction: "allow" | "deny", input: PolicyInput): PolicyDecision {
  const alerts: string[] = [];
  for (const compiled of rules) {
    if (!compiled.matches(input)) continue;
    if (compiled.rule.action === "alert") {
      alerts.push(compiled.rule.id);
      continue;
    }
    return { action: compiled.rule.action, rule: compiled.rule, origin: compiled.origin, alerts };
  }
  return { action: defaultAction, rule: null, origin: "default", alerts };
}
