import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { parseAuditDurability } from "./durability.js";

describe("the audit durability setting", () => {
  it("defaults to batch and reads IGRIS_AUDIT_DURABILITY", () => {
    expect(loadConfig({}).auditDurability).toBe("batch");
    expect(loadConfig({ IGRIS_AUDIT_DURABILITY: "sync" }).auditDurability).toBe("sync");
    expect(loadConfig({ IGRIS_AUDIT_DURABILITY: " SYNC " }).auditDurability).toBe("sync");
    expect(loadConfig({ IGRIS_AUDIT_DRAIN_MS: "250" }).auditDrainTimeoutMs).toBe(250);
  });

  it("refuses anything else, naming the variable", () => {
    expect(() => parseAuditDurability("fsync")).toThrow(/IGRIS_AUDIT_DURABILITY must be one of batch, sync, got "fsync"/);
    expect(() => loadConfig({ IGRIS_AUDIT_DURABILITY: "always" })).toThrow(/IGRIS_AUDIT_DURABILITY/);
  });
});
