import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import { embeddingsResponse } from "./embeddings-response.js";
import { float32Base64 } from "../shared/float32-base64.js";

const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));

describe("translating an InvokeModel embeddings answer", () => {
  it("reads a Titan vector and its token count (pyd-bedrock-embeddings-titan)", () => {
    const json = recorded("pyd-bedrock-embeddings-titan.i0.response.json");
    const { body, usage } = embeddingsResponse(json, { model: "m", input: "Hello, world!" }, "amazon.titan-embed-text-v2:0");
    expect(body.object).toBe("list");
    expect(body.model).toBe("amazon.titan-embed-text-v2:0");
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toEqual({ object: "embedding", index: 0, embedding: json.embedding });
    expect((body.data[0]!.embedding as number[])[0]).toBe(-0.05289186164736748);
    expect(body.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    expect(usage).toEqual({ promptTokens: 5, completionTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });

  it("reads Cohere's list of vectors; no token count in the body means null usage, not an estimate (pyd-bedrock-embeddings-cohere)", () => {
    const json = recorded("pyd-bedrock-embeddings-cohere.i0.response.json");
    const { body, usage } = embeddingsResponse(json, { model: "m", input: "Hello, world!" }, "cohere.embed-english-v3");
    expect(body.data).toHaveLength(1);
    expect((body.data[0]!.embedding as number[]).length).toBe(1024);
    expect((body.data[0]!.embedding as number[]).slice(0, 2)).toEqual([-0.042236328, -0.03250122]);
    expect(usage).toBeNull();
    expect(body.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
  });

  it("reads Cohere's typed answer {embeddings: {float: [...]}} for several inputs", () => {
    const { body } = embeddingsResponse({ embeddings: { float: [[0.5, 1], [0.25, -1]] }, response_type: "embeddings_by_type" }, { model: "m", input: ["a", "b"] }, "cohere.embed-v4:0");
    expect(body.data).toEqual([
      { object: "embedding", index: 0, embedding: [0.5, 1] },
      { object: "embedding", index: 1, embedding: [0.25, -1] },
    ]);
  });

  it("encodes base64 as little-endian float32 when the client asks", () => {
    const json = recorded("pyd-bedrock-embeddings-titan.i0.response.json");
    const { body } = embeddingsResponse(json, { model: "m", input: "Hello, world!", encoding_format: "base64" }, "amazon.titan-embed-text-v2:0");
    expect(body.data[0]!.embedding).toBe(float32Base64(json.embedding));
    expect(Buffer.from(body.data[0]!.embedding as string, "base64").readFloatLE(0)).toBe(Math.fround(-0.05289186164736748));
  });

  it("fails with a 502 when the answer holds no vectors", () => {
    expect(() => embeddingsResponse({ message: "?" }, { model: "m", input: "a" }, "x")).toThrow(GatewayError);
    expect(() => embeddingsResponse({ embeddings: [["x"]] }, { model: "m", input: "a" }, "x")).toThrow(/non-numeric/);
  });
});
