import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { wireFixture } from "../../../testing/fixtures.js";
import type { OpenAIEmbeddingsRequest } from "../dialect.js";
import { embeddingFamily, embeddingsRequestBody } from "./embeddings-request.js";

const TITAN = "amazon.titan-embed-text-v2:0";
const COHERE = "cohere.embed-english-v3";
const recorded = (name: string) => JSON.parse(readFileSync(wireFixture(`bedrock/${name}`), "utf8"));

function failure(body: OpenAIEmbeddingsRequest, model: string): GatewayError {
  try {
    embeddingsRequestBody(body, model);
  } catch (err) {
    return err as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("building an InvokeModel embeddings body", () => {
  it("picks the body format by model id", () => {
    expect(embeddingFamily(TITAN)).toBe("titan");
    expect(embeddingFamily("amazon.titan-embed-text-v1")).toBe("titan");
    expect(embeddingFamily("cohere.embed-multilingual-v3")).toBe("cohere");
    expect(embeddingFamily("us.cohere.embed-v4:0")).toBe("cohere");
    expect(() => embeddingFamily("amazon.titan-embed-image-v1")).toThrow(GatewayError);
  });

  it("sends one Titan input with normalize, as the SDK recorded (pyd-bedrock-embeddings-titan)", () => {
    expect(embeddingsRequestBody({ model: "m", input: "Hello, world!" }, TITAN)).toEqual(recorded("pyd-bedrock-embeddings-titan.i0.request.json"));
    expect(embeddingsRequestBody({ model: "m", input: ["Hello, world!"], dimensions: 256 }, TITAN)).toEqual({ inputText: "Hello, world!", dimensions: 256, normalize: true });
  });

  it("refuses more than one Titan input with a 400 that says so", () => {
    const err = failure({ model: "m", input: ["a", "b"] }, TITAN);
    expect(err).toMatchObject({ status: 400, code: "too_many_inputs", param: "input" });
    expect(err.message).toMatch(/one input per call/);
  });

  it("sends Cohere texts with an input type, asking for floats (pyd-bedrock-embeddings-cohere)", () => {
    const body = embeddingsRequestBody({ model: "m", input: "Hello, world!", input_type: "search_query" }, COHERE);
    const sdk = recorded("pyd-bedrock-embeddings-cohere.i0.request.json");
    expect(body).toEqual({ texts: sdk.texts, input_type: sdk.input_type, embedding_types: ["float"] });
    expect(embeddingsRequestBody({ model: "m", input: ["a", "b"] }, COHERE)).toEqual({ texts: ["a", "b"], input_type: "search_document", embedding_types: ["float"] });
  });

  it("maps dimensions where the model has them and refuses them elsewhere", () => {
    expect(embeddingsRequestBody({ model: "m", input: "a", dimensions: 512 }, "cohere.embed-v4:0")).toMatchObject({ output_dimension: 512 });
    expect(failure({ model: "m", input: "a", dimensions: 512 }, COHERE)).toMatchObject({ param: "dimensions" });
    expect(failure({ model: "m", input: "a", dimensions: 512 }, "amazon.titan-embed-text-v1")).toMatchObject({ param: "dimensions" });
  });

  it("refuses token-id input and unknown fields", () => {
    expect(failure({ model: "m", input: [[1, 2, 3]] }, TITAN)).toMatchObject({ param: "input" });
    expect(failure({ model: "m", input: "a", truncate: "END" }, COHERE)).toMatchObject({ code: "unsupported_parameter", param: "truncate" });
    expect(failure({ model: "m", input: "a", input_type: "search_query" }, TITAN)).toMatchObject({ param: "input_type" });
  });
});
