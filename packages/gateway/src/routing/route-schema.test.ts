import { describe, expect, it } from "vitest";
import { validationError } from "../admin/validate.js";
import { type Route, RouteSchema, routeVirtualKeys } from "./route-schema.js";

/** The path a 422 would name for this input, or null when it is valid. */
function badPath(input: unknown): string | null {
  const result = RouteSchema.safeParse(input);
  return result.success ? null : validationError(result.error).param;
}

const leaf = (virtualKey: string, extra: object = {}) => ({ virtualKey, ...extra });

describe("the route schema", () => {
  it("accepts a fallback route with nested groups and every per-target setting", () => {
    const route = {
      name: "chat-prod",
      description: "OpenAI first, then a balanced pair",
      strategy: "fallback",
      fallbackOn: [429, "5xx", "timeout"],
      retry: { attempts: 1, baseMs: 100, maxMs: 2_000, maxRetryAfterMs: 5_000 },
      timeouts: { connectMs: 2_000, firstByteMs: 30_000, idleMs: 10_000, totalMs: 120_000 },
      cache: { ttlSeconds: 600 },
      targets: [
        leaf("openai-prod", { model: "gpt-4o", overrideParams: { max_tokens: 512, temperature: 0.2 } }),
        { strategy: "loadbalance", targets: [leaf("groq-a", { weight: 3 }), leaf("groq-b", { weight: 0 })] },
      ],
    };
    const parsed: Route = RouteSchema.parse(route);
    expect(parsed).toEqual(route);
    expect(routeVirtualKeys(parsed)).toEqual([
      { slug: "openai-prod", path: "targets.0.virtualKey" },
      { slug: "groq-a", path: "targets.1.targets.0.virtualKey" },
      { slug: "groq-b", path: "targets.1.targets.1.virtualKey" },
    ]);
  });

  it("names the path of the bad field, however deep it sits", () => {
    const base = { name: "r", strategy: "fallback" };
    expect(badPath({ ...base, targets: [leaf("ok-vk"), { strategy: "cheapest", targets: [leaf("Bad Slug")] }] })).toBe("targets.1.targets.0.virtualKey");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { weight: -1 })] })).toBe("targets.0.weight");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { retry: { attempts: 11 } })] })).toBe("targets.0.retry.attempts");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { retry: { baseMs: 500, maxMs: 100 } })] })).toBe("targets.0.retry.baseMs");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { timeouts: { idleMs: 0 } })] })).toBe("targets.0.timeouts.idleMs");
    expect(badPath({ ...base, fallbackOn: [429, 200], targets: [leaf("ok-vk")] })).toBe("fallbackOn.1");
    expect(badPath({ ...base, fallbackOn: ["3xx"], targets: [leaf("ok-vk")] })).toBe("fallbackOn.0");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { overrideParams: { model: "gpt-4o" } })] })).toBe("targets.0.overrideParams.model");
    expect(badPath({ ...base, targets: [{ strategy: "roundrobin", targets: [leaf("ok-vk")] }] })).toBe("targets.0.strategy");
    expect(badPath({ ...base, targets: [leaf("ok-vk", { surprise: 1 })] })).toBe("targets.0");
    expect(badPath({ ...base, targets: [] })).toBe("targets");
    expect(badPath({ ...base, name: "Has Spaces", targets: [leaf("ok-vk")] })).toBe("name");
    expect(badPath({ ...base, strategy: "random", targets: [leaf("ok-vk")] })).toBe("strategy");
    expect(badPath({ ...base, cache: { ttlSeconds: 0 }, targets: [leaf("ok-vk")] })).toBe("cache.ttlSeconds");
  });

  it("keeps leaves and groups apart: a group needs targets, a leaf cannot have them", () => {
    expect(badPath({ name: "r", strategy: "fallback", targets: [{ strategy: "fallback", virtualKey: "vk-a" }] })).toBe("targets.0.targets");
    expect(badPath({ name: "r", strategy: "fallback", targets: [{ virtualKey: "vk-a", targets: [] }] })).toBe("targets.0");
  });

  it("bounds nesting depth and the number of targets", () => {
    let group: object = leaf("vk-deep");
    for (let i = 0; i < 4; i++) group = { strategy: "fallback", targets: [group] };
    expect(badPath({ name: "deep", strategy: "fallback", targets: [group] })).toBe("targets.0.targets.0.targets.0.targets.0");
    const fifty = Array.from({ length: 50 }, (_, i) => leaf(`vk-${i}`));
    const wide = { name: "wide", strategy: "loadbalance", targets: [0, 1, 2].map(() => ({ strategy: "fallback", targets: fifty })) };
    expect(badPath(wide)).toBe("targets");
    expect(badPath({ ...wide, targets: wide.targets.slice(0, 2) })).toBeNull();
  });

  it("lists each virtual key once, at its first appearance", () => {
    const route = RouteSchema.parse({ name: "r", strategy: "fallback", targets: [leaf("vk-a"), { strategy: "fallback", targets: [leaf("vk-a"), leaf("vk-b")] }] });
    expect(routeVirtualKeys(route)).toEqual([
      { slug: "vk-a", path: "targets.0.virtualKey" },
      { slug: "vk-b", path: "targets.1.targets.1.virtualKey" },
    ]);
  });
});
