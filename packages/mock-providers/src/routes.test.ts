import { describe, expect, it } from "vitest";
import { type MatchedRoute, matchRoute, pathnameOf } from "./routes.js";

/** The route without its dialect object, so expectations read as data. */
function route(path: string): (Omit<MatchedRoute, "dialect"> & { dialect: string }) | undefined {
  const matched = matchRoute(path);
  return matched && { ...matched, dialect: matched.dialect.name };
}

describe("matchRoute", () => {
  it("matches chat and embeddings with or without /v1", () => {
    expect(route("/v1/chat/completions")).toEqual({ dialect: "openai", operation: "chat", body: "json", apiPath: "/v1", directivesText: "" });
    expect(route("/chat/completions")).toMatchObject({ dialect: "openai", operation: "chat", directivesText: "" });
    expect(route("/v1/embeddings")).toMatchObject({ operation: "embeddings", directivesText: "" });
    expect(route("/openai/v1/embeddings")).toMatchObject({ operation: "embeddings", directivesText: "" });
  });

  it("takes directives from a /_mock/ prefix, before or after a /v1", () => {
    expect(route("/_mock/status=500;retry-after=7/v1/chat/completions")?.directivesText).toBe("status=500;retry-after=7");
    expect(route("/_mock/status=500/chat/completions")?.directivesText).toBe("status=500");
    expect(route("/_mock/v1/chat/completions")?.directivesText).toBe("");
  });

  it("keeps slashes inside a fixture name in the prefix", () => {
    expect(route("/_mock/fixture=openai/vercel-openai-text-stream/v1/chat/completions")?.directivesText).toBe(
      "fixture=openai/vercel-openai-text-stream",
    );
  });

  it("leaves Azure's deployment path out of the directives", () => {
    expect(route("/_mock/status=429/openai/deployments/gpt-4o/chat/completions")?.directivesText).toBe("status=429");
  });

  it("does not match other paths", () => {
    expect(matchRoute("/v1/completions")).toBeUndefined();
    expect(matchRoute("/v1/chat/completions/extra")).toBeUndefined();
    expect(matchRoute("/model/m/invoke-with-response-stream")).toBeUndefined();
    expect(matchRoute("/")).toBeUndefined();
  });

  it("routes OpenAI images and audio, uploads as forms", () => {
    expect(route("/v1/images/generations")).toMatchObject({ dialect: "openai", operation: "images", body: "json" });
    expect(route("/v1/audio/speech")).toMatchObject({ operation: "speech", body: "json" });
    expect(route("/v1/audio/transcriptions")).toMatchObject({ operation: "transcriptions", body: "form" });
    expect(route("/v1/audio/translations")).toMatchObject({ operation: "translations", body: "form" });
  });

  it("routes Anthropic messages and Cohere v2", () => {
    expect(route("/_mock/fixture=anthropic/x/v1/messages")).toMatchObject({ dialect: "anthropic", operation: "messages", directivesText: "fixture=anthropic/x" });
    expect(route("/v2/chat")).toMatchObject({ dialect: "cohere", operation: "chat" });
    expect(route("/_mock/status=429/v2/embed")).toMatchObject({ dialect: "cohere", operation: "embed", directivesText: "status=429" });
  });

  it("routes Gemini on AI Studio and Vertex, with the model from the path", () => {
    expect(route("/_mock/fixture=google/a/v1beta/models/gemini-2.0-flash:streamGenerateContent")).toEqual({
      dialect: "gemini",
      operation: "streamGenerateContent",
      body: "json",
      pathModel: "gemini-2.0-flash",
      apiPath: "/v1beta",
      directivesText: "fixture=google/a",
    });
    expect(route("/_mock/cut=2/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent")).toMatchObject({
      operation: "generateContent",
      pathModel: "gemini-2.5-pro",
      apiPath: "/v1/projects/p1/locations/us-central1/publishers/google",
      directivesText: "cut=2",
    });
    expect(route("/v1beta/models/text-embedding-004%3AbatchEmbedContents")).toMatchObject({ operation: "batchEmbedContents" });
    expect(route("/v1/projects/p/locations/l/publishers/google/models/text-embedding-005:predict")).toMatchObject({ operation: "predict" });
  });

  it("routes Bedrock runtime operations with the model id decoded", () => {
    expect(route("/_mock/expect-key=AKIA1/model/us.amazon.nova-micro-v1%3A0/converse-stream")).toEqual({
      dialect: "bedrock",
      operation: "converse-stream",
      body: "json",
      pathModel: "us.amazon.nova-micro-v1:0",
      apiPath: "",
      directivesText: "expect-key=AKIA1",
    });
    expect(route("/model/amazon.titan-embed-text-v2%3A0/invoke")).toMatchObject({ operation: "invoke" });
  });
});

describe("pathnameOf", () => {
  it("drops the query string", () => {
    expect(pathnameOf("/v1/chat/completions?api-version=1")).toBe("/v1/chat/completions");
    expect(pathnameOf(undefined)).toBe("/");
  });
});
