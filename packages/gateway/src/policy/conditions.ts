import { globMatcher } from "../lib/glob.js";
import type { Matcher } from "./rule-schema.js";

/** The facts about a call that rules can test. */
export interface PolicyInput {
  model: string;
  endpoint: string;
  user: string | null;
  traceId: string | null;
  virtualKey: string;
  provider: string;
  /** The gateway API key's id. */
  apiKey: string;
  metadata: Record<string, string> | null;
}

export type ValueTest = (value: string | null) => boolean;

/** Compiles a matcher once; an absent value matches nothing but a negation. */
export function compileMatcher(m: Matcher): ValueTest {
  if (typeof m === "string") return (v) => v === m;
  if (Array.isArray(m)) {
    const set = new Set(m);
    return (v) => v !== null && set.has(v);
  }
  if ("glob" in m) {
    const match = globMatcher(m.glob);
    return (v) => v !== null && match(v);
  }
  const inner = compileMatcher(m.not);
  return (v) => !inner(v);
}

export function readPath(input: PolicyInput, path: string): string | null {
  if (path.startsWith("metadata.")) return input.metadata?.[path.slice(9)] ?? null;
  const value = input[path as keyof PolicyInput];
  return typeof value === "string" ? value : null;
}

/** All conditions must hold (AND); no conditions always holds. */
export function compileConditions(conditions: Record<string, Matcher> | undefined): (input: PolicyInput) => boolean {
  if (!conditions) return () => true;
  const tests = Object.entries(conditions).map(([path, m]) => ({ path, test: compileMatcher(m) }));
  return (input) => tests.every(({ path, test }) => test(readPath(input, path)));
}
