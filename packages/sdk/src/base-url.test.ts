import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_BASE_URL, resolveBaseUrl } from "./base-url.js";

describe("the gateway's base URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("prefers the option over IGRIS_BASE_URL", () => {
    vi.stubEnv("IGRIS_BASE_URL", "http://env.example:9000");
    expect(resolveBaseUrl("https://gw.example.com/")).toBe("https://gw.example.com");
  });

  it("falls back to IGRIS_BASE_URL, then to the local default", () => {
    vi.stubEnv("IGRIS_BASE_URL", "http://env.example:9000//");
    expect(resolveBaseUrl(undefined)).toBe("http://env.example:9000");
    expect(resolveBaseUrl("  ")).toBe("http://env.example:9000");
    vi.stubEnv("IGRIS_BASE_URL", "");
    expect(resolveBaseUrl(undefined)).toBe(DEFAULT_BASE_URL);
    expect(DEFAULT_BASE_URL).toBe("http://127.0.0.1:8787");
  });

  it("works where there is no process object (browsers)", () => {
    vi.stubEnv("IGRIS_BASE_URL", "http://env.example:9000");
    const g = globalThis as { process?: unknown };
    const saved = g.process;
    let resolved: string;
    try {
      g.process = undefined;
      resolved = resolveBaseUrl(undefined);
    } finally {
      g.process = saved;
    }
    expect(resolved).toBe(DEFAULT_BASE_URL);
  });
});
