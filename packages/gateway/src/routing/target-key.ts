/** What a circuit breaker and the latency statistics track: one model through one virtual key of one organisation. */
export interface TargetIdentity {
  orgId: string;
  virtualKey: string;
  provider: string;
  model: string;
}

/**
 * `org|virtual key|provider|model`. Organisation ids, slugs and provider slugs never contain `|`; the model
 * comes last so that one which does still round-trips.
 */
export function targetKey(target: TargetIdentity): string {
  return `${target.orgId}|${target.virtualKey}|${target.provider}|${target.model}`;
}

export function parseTargetKey(key: string): TargetIdentity | null {
  const parts = key.split("|");
  if (parts.length < 4 || parts.slice(0, 3).some((p) => p === "")) return null;
  const [orgId, virtualKey, provider] = parts as [string, string, string];
  return { orgId, virtualKey, provider, model: parts.slice(3).join("|") };
}
