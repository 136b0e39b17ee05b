import { describe, expect, it } from "vitest";
import { isEmbeddingType, synthesizeCohereEmbed } from "./synthesize-embed.js";

describe("Cohere embed", () => {
  it("answers each requested type, quantized from the same floats", () => {
    const answer = synthesizeCohereEmbed(["hi"], ["float", "int8", "uint8"], 4, "id-1");
    expect(answer).toMatchObject({ id: "id-1", texts: ["hi"], response_type: "embeddings_by_type", meta: { billed_units: { input_tokens: 1 } } });
    const [float] = answer.embeddings.float!;
    expect(answer.embeddings.int8![0]).toEqual(float!.map((x) => Math.round(x * 127)));
    expect(answer.embeddings.uint8![0]!.every((x) => x >= 0 && x <= 255)).toBe(true);
  });

  it("knows which types it can encode", () => {
    expect(["float", "int8", "uint8", "binary", "base64"].map(isEmbeddingType)).toEqual([true, true, true, false, false]);
  });
});
