import { describe, expect, it } from "vitest";
import type { GatewayError } from "../../../lib/errors.js";
import { embeddingsRequest } from "./embeddings-request.js";
import type { JsonObject } from "./json-read.js";
import { googleJson } from "./test-fixtures.js";
import { studioTarget, vertexTarget } from "./test-targets.js";

const sent = (req: { body: string }) => JSON.parse(req.body) as JsonObject;

describe("embeddings requests", () => {
  it("matches pydantic-ai's AI Studio batchEmbedContents request, bar its taskType (pyd-google-embeddings.i0.request.json)", () => {
    const want = googleJson("pyd-google-embeddings.i0.request.json") as { requests: JsonObject[] };
    const req = embeddingsRequest({ model: "gemini-embedding-2-preview", input: "Hello, world!" }, studioTarget("gemini-embedding-2-preview"));
    expect(req.path).toBe("/models/gemini-embedding-2-preview:batchEmbedContents");
    expect(req.headers["x-goog-api-key"]).toBe("AIza-test-key-123");
    const { taskType: _task, ...wantRequest } = want.requests[0]!;
    expect(sent(req)).toEqual({ requests: [wantRequest] });
  });
  it("sends several texts and dimensions as outputDimensionality to AI Studio", () => {
    const req = embeddingsRequest({ input: ["a", "b"], dimensions: 256, user: "u1" }, studioTarget("models/gemini-embedding-001"));
    expect(sent(req)).toEqual({
      requests: [
        { model: "models/gemini-embedding-001", content: { parts: [{ text: "a" }] }, outputDimensionality: 256 },
        { model: "models/gemini-embedding-001", content: { parts: [{ text: "b" }] }, outputDimensionality: 256 },
      ],
    });
  });
  it("uses Vertex's predict with instances and parameters", () => {
    const req = embeddingsRequest({ input: ["a", "b"], dimensions: 5, encoding_format: "base64" }, vertexTarget("text-embedding-005"));
    expect(req.path).toBe("/models/text-embedding-005:predict");
    expect(req.headers.authorization).toBe("Bearer ya29.test-oauth-token");
    expect(sent(req)).toEqual({ instances: [{ content: "a" }, { content: "b" }], parameters: { outputDimensionality: 5 } });
    expect(sent(embeddingsRequest({ input: "a" }, vertexTarget("text-embedding-005")))).toEqual({ instances: [{ content: "a" }] });
  });
  it("answers 400 for token-id input, bad dimensions, formats and unknown fields", () => {
    const param = (body: JsonObject) => {
      try {
        embeddingsRequest({ input: "x", ...body } as never, studioTarget());
      } catch (error) {
        return [(error as GatewayError).status, (error as GatewayError).param];
      }
      return null;
    };
    expect(param({ input: [1, 2, 3] })).toEqual([400, "input"]);
    expect(param({ input: [[1, 2]] })).toEqual([400, "input"]);
    expect(param({ input: [] })).toEqual([400, "input"]);
    expect(param({ dimensions: 0 })).toEqual([400, "dimensions"]);
    expect(param({ encoding_format: "int8" })).toEqual([400, "encoding_format"]);
    expect(param({ input_type: "query" })).toEqual([400, "input_type"]);
  });
});
