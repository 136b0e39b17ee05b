import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("configuration from the environment", () => {
  it("defaults to 127.0.0.1:8787 and ./.igris", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: "127.0.0.1", port: 8787, databaseUrl: undefined, demo: true, shutdownTimeoutMs: 10_000 });
    expect(c.dataDir.endsWith("/.igris")).toBe(true);
  });

  it("reads IGRIS_* variables and rejects bad numbers", () => {
    const c = loadConfig({ IGRIS_HOST: "0.0.0.0", IGRIS_PORT: "9000", IGRIS_DATA_DIR: "/tmp/x", IGRIS_DATABASE_URL: "postgres://db/igris", IGRIS_DEMO: "0" });
    expect(c).toMatchObject({ host: "0.0.0.0", port: 9000, dataDir: "/tmp/x", databaseUrl: "postgres://db/igris", demo: false });
    expect(() => loadConfig({ IGRIS_PORT: "eighty" })).toThrow(/IGRIS_PORT/);
  });
});
