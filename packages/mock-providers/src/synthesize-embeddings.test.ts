import { describe, expect, it } from "vitest";
import { DEFAULT_DIMENSIONS, embeddingInputs, synthesizeEmbeddings } from "./synthesize-embeddings.js";

describe("synthesizeEmbeddings", () => {
  it("returns one unit vector per input with the default small dimension", () => {
    const response = synthesizeEmbeddings({ model: "emb", input: ["a", "b"] });
    expect(response).toMatchObject({ object: "list", model: "emb" });
    expect(response.data.map((d) => d.index)).toEqual([0, 1]);
    for (const { embedding } of response.data) {
      const vector = embedding as number[];
      expect(vector).toHaveLength(DEFAULT_DIMENSIONS);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it("is deterministic per input text and differs between texts", () => {
    const a = synthesizeEmbeddings({ model: "e", input: "same" }).data[0]!.embedding;
    const b = synthesizeEmbeddings({ model: "e", input: ["same", "other"] }).data;
    expect(b[0]!.embedding).toEqual(a);
    expect(b[1]!.embedding).not.toEqual(a);
  });

  it("honours dimensions", () => {
    expect(synthesizeEmbeddings({ model: "e", input: "x", dimensions: 1536 }).data[0]!.embedding).toHaveLength(1536);
  });

  it("encodes base64 as little-endian float32, the same numbers as the float form", () => {
    const floats = synthesizeEmbeddings({ model: "e", input: "x", dimensions: 4 }).data[0]!.embedding as number[];
    const encoded = synthesizeEmbeddings({ model: "e", input: "x", dimensions: 4, encoding_format: "base64" }).data[0]!
      .embedding as string;
    const bytes = Buffer.from(encoded, "base64");
    expect(bytes).toHaveLength(16);
    expect([0, 1, 2, 3].map((i) => bytes.readFloatLE(i * 4))).toEqual(floats);
  });

  it("reports prompt tokens equal to total tokens", () => {
    const { usage } = synthesizeEmbeddings({ model: "e", input: "one two three" });
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens);
  });
});

describe("embeddingInputs", () => {
  it("accepts a string, strings, a token array and token arrays", () => {
    expect(embeddingInputs("a")).toEqual(["a"]);
    expect(embeddingInputs(["a", "b"])).toEqual(["a", "b"]);
    expect(embeddingInputs([1, 2, 3])).toEqual(["1,2,3"]);
    expect(embeddingInputs([[1, 2], [3]])).toEqual(["1,2", "3"]);
    expect(embeddingInputs(undefined)).toEqual([]);
  });
});
