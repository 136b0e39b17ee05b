import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import type { Store } from "../store/index.js";
import { RotationTracker } from "./rotation-tracker.js";

function fakeStore(markSucceeded: (keyId: string, now: number) => Promise<boolean>, markFailed = vi.fn(async () => true)) {
  return { providerKeys: { markNewKeySucceeded: vi.fn(markSucceeded), markNewKeyAuthFailed: markFailed } } as unknown as Store & {
    providerKeys: { markNewKeySucceeded: ReturnType<typeof vi.fn>; markNewKeyAuthFailed: ReturnType<typeof vi.fn> };
  };
}

describe("RotationTracker", () => {
  const log = pino({ level: "silent" });

  it("writes a key's first success once, with the clock's time", async () => {
    const store = fakeStore(async () => true);
    const tracker = new RotationTracker(store, () => 1234, log);
    await tracker.recordSuccess("pkey_a");
    await tracker.recordSuccess("pkey_a");
    await tracker.recordSuccess("pkey_a", 9999);
    await tracker.recordSuccess("pkey_b", 42);
    expect(store.providerKeys.markNewKeySucceeded.mock.calls).toEqual([
      ["pkey_a", 1234],
      ["pkey_b", 42],
    ]);
  });

  it("writes a key's first authentication failure once, apart from its successes", async () => {
    const store = fakeStore(async () => true);
    const tracker = new RotationTracker(store, () => 7, log);
    await tracker.recordAuthFailure("pkey_a");
    await tracker.recordAuthFailure("pkey_a");
    await tracker.recordSuccess("pkey_a");
    expect(store.providerKeys.markNewKeyAuthFailed.mock.calls).toEqual([["pkey_a", 7]]);
    expect(store.providerKeys.markNewKeySucceeded).toHaveBeenCalledTimes(1);
  });

  it("never rejects, logs a failed write without the secret, and writes again on the next call", async () => {
    let fail = true;
    const store = fakeStore(async () => {
      if (fail) throw new Error("database is down");
      return true;
    });
    const lines: string[] = [];
    const tracker = new RotationTracker(store, () => 1, pino({ level: "warn" }, { write: (line: string) => void lines.push(line) }));
    await expect(tracker.recordSuccess("pkey_a")).resolves.toBeUndefined();
    expect(lines.join("")).toContain("pkey_a");
    fail = false;
    await tracker.recordSuccess("pkey_a");
    await tracker.recordSuccess("pkey_a");
    expect(store.providerKeys.markNewKeySucceeded).toHaveBeenCalledTimes(2);
  });

  it("lets shutdown wait for writes in flight", async () => {
    let release!: () => void;
    const store = fakeStore(() => new Promise<boolean>((resolve) => (release = () => resolve(true))));
    const tracker = new RotationTracker(store, () => 1, log);
    void tracker.recordSuccess("pkey_a");
    let flushed = false;
    const flushing = tracker.flush().then(() => (flushed = true));
    await Promise.resolve();
    expect(flushed).toBe(false);
    release();
    await flushing;
    expect(flushed).toBe(true);
  });
});
