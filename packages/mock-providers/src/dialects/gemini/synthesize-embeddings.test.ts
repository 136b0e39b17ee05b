import { describe, expect, it } from "vitest";
import { embedContentText, embedding, vertexPredictions } from "./synthesize-embeddings.js";

describe("Gemini embeddings", () => {
  it("reads the text of a content, or nothing from something else", () => {
    expect(embedContentText({ parts: [{ text: "a" }, { text: "b" }] })).toBe("a b");
    expect(embedContentText("a")).toBeUndefined();
  });

  it("gives deterministic unit vectors of the asked size", () => {
    const { values } = embedding("hello", 4);
    expect(values).toHaveLength(4);
    expect(values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
    expect(embedding("hello", 4)).toEqual({ values });
  });

  it("answers Vertex predict with statistics and billable characters", () => {
    const answer = vertexPredictions(["a b", "cd"], undefined);
    expect(answer.metadata).toEqual({ billableCharacterCount: 4 });
    expect(answer.predictions[1]!.embeddings.statistics).toEqual({ truncated: false, token_count: 1 });
    expect(answer.predictions[0]!.embeddings.values).toHaveLength(16);
  });
});
