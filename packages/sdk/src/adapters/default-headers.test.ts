import { describe, expect, it } from "vitest";
import { mergeDefaultHeaders } from "./default-headers.js";

describe("merging a client's default headers", () => {
  const ours = { "X-Igris-User": "alice", authorization: "Bearer igris" };

  it("keeps the client's headers and puts ours on top, case-insensitively", () => {
    expect(mergeDefaultHeaders({ "X-Team": "a", Authorization: "Bearer sk-real", "x-igris-user": "bob" }, ours)).toEqual({
      "x-team": "a",
      authorization: "Bearer igris",
      "x-igris-user": "alice",
    });
  });

  it("reads every form a client may hold: none, Headers, rows, and { values, nulls }", () => {
    expect(mergeDefaultHeaders(undefined, ours)).toEqual({ "x-igris-user": "alice", authorization: "Bearer igris" });
    expect(mergeDefaultHeaders(new Headers({ "x-team": "a" }), {})).toEqual({ "x-team": "a" });
    expect(mergeDefaultHeaders([["x-team", "a"], ["x-team", "b"]], {})).toEqual({ "x-team": "a, b" });
    const nullable = { values: new Headers({ "x-team": "a" }), nulls: new Set(["x-stainless-os"]) };
    expect(mergeDefaultHeaders(nullable, {})).toEqual({ "x-team": "a", "x-stainless-os": null });
    expect(mergeDefaultHeaders({ "x-drop": null, "x-skip": undefined, "x-list": ["1", "2"] }, {})).toEqual({ "x-drop": null, "x-list": "1, 2" });
  });
});
