import { describe, expect, it } from "vitest";
import { float32Base64 } from "../shared/float32-base64.js";
import { translateEmbeddingsResponse } from "./embeddings-response.js";
import { recordedJson } from "./recorded-fixtures.js";

const decode = (text: string) => {
  const bytes = Buffer.from(text, "base64");
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
};

describe("translating Cohere embed answers", () => {
  it("lists the recorded vectors in input order with the billed input tokens", () => {
    const answer = recordedJson("vercel-cohere-embedding.json");
    const { body, usage } = translateEmbeddingsResponse(answer, { input: ["sunny day at the beach", "rainy day in the city"] }, "embed-v4.0");
    expect(body).toEqual({
      object: "list",
      model: "embed-v4.0",
      data: [
        { object: "embedding", index: 0, embedding: [0.03302002, 0.020904541, -0.019744873, -0.0625, 0.04437256] },
        { object: "embedding", index: 1, embedding: [-0.04660034, 0.00037765503, -0.061157227, -0.08239746, -0.010360718] },
      ],
      usage: { prompt_tokens: 10, total_tokens: 10 },
    });
    expect(usage).toEqual({ promptTokens: 10, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("translates the recorded pydantic-ai embed answer", () => {
    const answer = recordedJson("pyd-cohere-embed.i0.response.json");
    const { body, usage } = translateEmbeddingsResponse(answer, { input: "Hello, world!" }, "embed-v4.0");
    expect(body.data).toHaveLength(1);
    expect(body.data[0]!.embedding).toHaveLength(1536);
    expect((body.data[0]!.embedding as number[]).slice(0, 2)).toEqual([-0.018445116, 0.008921167]);
    expect(usage?.promptTokens).toBe(4);
    expect(body.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
  });

  it("encodes base64 as little-endian float32 of the float vectors", () => {
    const answer = recordedJson("vercel-cohere-embedding.json");
    const { body } = translateEmbeddingsResponse(answer, { input: ["a", "b"], encoding_format: "base64" }, "embed-v4.0");
    const first = body.data[0]!.embedding as string;
    expect(typeof first).toBe("string");
    expect(decode(first)).toEqual(answer.embeddings.float[0].map(Math.fround));
    expect(float32Base64([1])).toBe("AACAPw==");
  });

  it("reads v1-style answers and tolerates empty ones", () => {
    expect(translateEmbeddingsResponse({ embeddings: [[0.5]], meta: { billed_units: { input_tokens: 2 } } }, { input: "x" }, "m").body.data).toEqual([{ object: "embedding", index: 0, embedding: [0.5] }]);
    const empty = translateEmbeddingsResponse({ id: "x" }, { input: "x" }, "m");
    expect(empty.body.data).toEqual([]);
    expect(empty.usage).toBeNull();
    expect(empty.body.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
  });
});
