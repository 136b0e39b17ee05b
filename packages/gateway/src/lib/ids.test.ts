import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("ids", () => {
  it("sort by creation time and never repeat", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newId("req", 1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^req_[0-9a-f]{28}$/);
  });
});
