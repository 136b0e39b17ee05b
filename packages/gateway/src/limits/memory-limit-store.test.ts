import { describe, expect, it } from "vitest";
import { MemoryLimitStore } from "./memory-limit-store.js";
import type { LimitCounter } from "./types.js";

const T0 = Date.UTC(2025, 0, 15, 10, 30, 30);
const request = { requests: 1, tokens: 0, dollars: 0 };
const perMinute = (user: string): LimitCounter => ({ key: `rule_rpm|user:${user}`, kind: "requests", max: 10, per: "minute" });

describe("the in-memory limit store", () => {
  it("forgets windows once they have ended", async () => {
    const store = new MemoryLimitStore();
    for (let i = 0; i < 100; i++) await store.reserve([perMinute(`u${i}`)], request, T0);
    expect(store.windowCount).toBe(100);

    await store.reserve([perMinute("late")], request, T0 + 60_000);
    expect(store.windowCount).toBe(1);
  });

  it("holds only recent windows over a long run of traffic", async () => {
    const store = new MemoryLimitStore();
    let most = 0;
    for (let second = 0; second < 6 * 3600; second += 7) {
      await store.reserve([perMinute(`u${second % 50}`)], request, T0 + second * 1000);
      most = Math.max(most, store.windowCount);
    }
    // 50 users in the current minute, plus whatever ended since the last sweep.
    expect(most).toBeLessThanOrEqual(100);
  });

  it("reads the injected clock when no time is passed", async () => {
    let now = T0;
    const store = new MemoryLimitStore({ clock: () => now });
    const counter = { ...perMinute("clock"), max: 1 };
    expect((await store.reserve([counter], request)).ok).toBe(true);
    expect((await store.reserve([counter], request)).ok).toBe(false);
    now += 30_000;
    expect((await store.reserve([counter], request)).ok).toBe(true);
  });
});
