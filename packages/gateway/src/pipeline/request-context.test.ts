import { describe, expect, it } from "vitest";
import { readIdentityHeaders } from "./request-context.js";

describe("identity headers", () => {
  it("reads user, trace id and metadata", () => {
    expect(readIdentityHeaders({ "x-igris-user": "alice", "x-igris-trace-id": "t-1", "x-igris-metadata-team": "search", "x-igris-metadata-env": "prod" })).toEqual({
      user: "alice",
      traceId: "t-1",
      metadata: { team: "search", env: "prod" },
    });
    expect(readIdentityHeaders({})).toEqual({ user: null, traceId: null, metadata: null });
  });

  it("rejects oversized values and too many metadata keys", () => {
    expect(() => readIdentityHeaders({ "x-igris-user": "a".repeat(300) })).toThrow(/longer/);
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`x-igris-metadata-k${i}`, "v"]));
    expect(() => readIdentityHeaders(many)).toThrow(/At most 32/);
  });
});
