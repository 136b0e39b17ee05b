import { describe, expect, it } from "vitest";
import { configColumn, ProviderKeyConfigSchema, storedConfig } from "./provider-key-config.js";

describe("provider key config", () => {
  it("accepts an http(s) base URL and nothing else", () => {
    expect(ProviderKeyConfigSchema.parse({ baseUrl: "https://eu.api.example.com/v1" })).toEqual({ baseUrl: "https://eu.api.example.com/v1" });
    expect(ProviderKeyConfigSchema.parse({})).toEqual({});
    expect(ProviderKeyConfigSchema.safeParse({ baseUrl: "ftp://x" }).success).toBe(false);
    expect(ProviderKeyConfigSchema.safeParse({ baseUrl: "not a url" }).success).toBe(false);
    const unknown = ProviderKeyConfigSchema.safeParse({ baseUrl: "https://x", region: "eu" });
    expect(unknown.success).toBe(false);
  });

  it("stores an empty config as null and reads back what it stored", () => {
    expect(configColumn({})).toBeNull();
    expect(configColumn(null)).toBeNull();
    const column = configColumn({ baseUrl: "http://127.0.0.1:9/v1" });
    expect(storedConfig({ config: column })).toEqual({ baseUrl: "http://127.0.0.1:9/v1" });
  });

  it("configures nothing when a stored config no longer parses", () => {
    expect(storedConfig({ config: "{nope" })).toBeNull();
    expect(storedConfig({ config: JSON.stringify({ baseUrl: "ftp://x" }) })).toBeNull();
    expect(storedConfig({ config: null })).toBeNull();
  });
});
