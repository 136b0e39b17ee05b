import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../registry.js";
import type { OpenAIEmbeddingsRequest } from "../dialect.js";
import { buildEmbeddingsRequest } from "./embeddings-request.js";
import { recordedJson, recordedText } from "./recorded-fixtures.js";

const provider = PROVIDERS.find((p) => p.slug === "cohere")!;
const target = { provider, baseUrl: provider.baseUrl!, credential: "co-test-credential", model: "embed-v4.0" };
const translate = (body: Record<string, unknown>, model = target.model) => {
  const request = buildEmbeddingsRequest({ input: "hi", ...body } as OpenAIEmbeddingsRequest, { ...target, model });
  return { request, sent: JSON.parse(request.body) };
};
const rejects = (body: Record<string, unknown>, param: string) => expect(() => translate(body)).toThrow(expect.objectContaining({ status: 400, param }));
const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

describe("building Cohere v2 embed requests", () => {
  it("matches what the Cohere SDK sent for the recorded embeds, to the recorded URL", () => {
    for (const name of ["pyd-cohere-embed", "pyd-cohere-embed-404"]) {
      const recorded = recordedJson(`${name}.i0.request.json`);
      const { request, sent } = translate({ model: "@cohere/x", input: recorded.texts, input_type: "search_query" }, recorded.model);
      expect(sent).toEqual(withoutNulls(recorded));
      const cassette = recordedText(`${name}.cassette.yaml`);
      expect(`${target.baseUrl}${request.path}`).toBe(/uri: (\S+)/.exec(cassette)![1]);
      expect(request.method).toBe(/method: (\w+)/.exec(cassette)![1]);
      expect(request.headers.authorization).toBe("Bearer co-test-credential");
    }
  });

  it("defaults input_type to search_document and truncate to NONE", () => {
    expect(translate({ input: ["a", "b"] }).sent).toEqual({ model: "embed-v4.0", texts: ["a", "b"], input_type: "search_document", embedding_types: ["float"], truncate: "NONE" });
  });

  it("maps dimensions to output_dimension and takes Cohere's own truncate and max_tokens", () => {
    const { sent } = translate({ dimensions: 256, truncate: "END", max_tokens: 512, encoding_format: "base64", user: "u-1" });
    expect(sent).toMatchObject({ output_dimension: 256, truncate: "END", max_tokens: 512, embedding_types: ["float"] });
    expect(sent).not.toHaveProperty("encoding_format");
    expect(sent).not.toHaveProperty("user");
  });

  it("refuses token-id input and what Cohere cannot take, naming the field", () => {
    rejects({ input: [1, 2, 3] }, "input");
    rejects({ input: [[1, 2], [3]] }, "input");
    rejects({ input: [] }, "input");
    rejects({ input: 5 }, "input");
    rejects({ dimensions: 0 }, "dimensions");
    rejects({ encoding_format: "int8" }, "encoding_format");
    rejects({ input_type: 3 }, "input_type");
    rejects({ something_new: true }, "something_new");
  });
});
