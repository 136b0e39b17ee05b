import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { embeddingsResponse } from "./embeddings-response.js";
import { float32Base64 } from "../shared/float32-base64.js";
import { googleJson } from "./test-fixtures.js";

describe("embeddings responses", () => {
  it("reads AI Studio's vectors with null usage, since Google reports none (pyd-google-embeddings.i0.response.json)", () => {
    const { body, usage } = embeddingsResponse(googleJson("pyd-google-embeddings.i0.response.json"), { input: "Hello, world!" }, "gemini-embedding-2-preview");
    expect(body.data).toHaveLength(1);
    const vector = body.data[0]!.embedding as number[];
    expect(vector).toHaveLength(3072);
    expect(vector.slice(0, 3)).toEqual([-0.022495363, 0.004016586, 0.02667887]);
    expect(body).toMatchObject({ object: "list", model: "gemini-embedding-2-preview", usage: { prompt_tokens: 0, total_tokens: 0 } });
    expect(usage).toBeNull();
  });
  it("reads Vertex predictions with usage from token_count (vercel-google-vertex-embedding.json)", () => {
    const { body, usage } = embeddingsResponse(googleJson("vercel-google-vertex-embedding.json"), { input: ["a", "b"] }, "text-embedding-005");
    expect(body.data.map((d) => [d.index, (d.embedding as number[]).length])).toEqual([[0, 5], [1, 5]]);
    expect((body.data[1]!.embedding as number[])[0]).toBe(-0.06007182598114014);
    expect(body.usage).toEqual({ prompt_tokens: 11, total_tokens: 11 });
    expect(usage).toEqual({ promptTokens: 11, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
  it("encodes vectors as base64 float32 when asked", () => {
    const json = googleJson("vercel-google-vertex-embedding.json") as { predictions: Array<{ embeddings: { values: number[] } }> };
    const { body } = embeddingsResponse(json, { input: ["a", "b"], encoding_format: "base64" }, "m");
    expect(body.data[0]!.embedding).toBe(float32Base64(json.predictions[0]!.embeddings.values));
  });
  it("answers 502 for an answer without vectors", () => {
    expect(() => embeddingsResponse({ embeddings: [{}] }, { input: "x" }, "m")).toThrow(GatewayError);
    expect(() => embeddingsResponse("junk", { input: "x" }, "m")).toThrow(/without embedding vectors/);
  });
});
