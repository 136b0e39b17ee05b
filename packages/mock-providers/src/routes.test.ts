import { describe, expect, it } from "vitest";
import { matchRoute, pathnameOf } from "./routes.js";

describe("matchRoute", () => {
  it("matches chat and embeddings with or without /v1", () => {
    expect(matchRoute("/v1/chat/completions")).toEqual({ kind: "chat", directivesText: "" });
    expect(matchRoute("/chat/completions")).toEqual({ kind: "chat", directivesText: "" });
    expect(matchRoute("/v1/embeddings")).toEqual({ kind: "embeddings", directivesText: "" });
    expect(matchRoute("/openai/v1/embeddings")).toEqual({ kind: "embeddings", directivesText: "" });
  });

  it("takes directives from a /_mock/ prefix, before or after a /v1", () => {
    expect(matchRoute("/_mock/status=500;retry-after=7/v1/chat/completions")?.directivesText).toBe(
      "status=500;retry-after=7",
    );
    expect(matchRoute("/_mock/status=500/chat/completions")?.directivesText).toBe("status=500");
  });

  it("keeps slashes inside a fixture name in the prefix", () => {
    expect(matchRoute("/_mock/fixture=openai/vercel-openai-text-stream/v1/chat/completions")?.directivesText).toBe(
      "fixture=openai/vercel-openai-text-stream",
    );
  });

  it("does not match other paths", () => {
    expect(matchRoute("/v1/completions")).toBeUndefined();
    expect(matchRoute("/v1/chat/completions/extra")).toBeUndefined();
    expect(matchRoute("/")).toBeUndefined();
  });
});

describe("pathnameOf", () => {
  it("drops the query string", () => {
    expect(pathnameOf("/v1/chat/completions?api-version=1")).toBe("/v1/chat/completions");
    expect(pathnameOf(undefined)).toBe("/");
  });
});
