import { describe, expect, it } from "vitest";
import { generationConfig } from "./generation-config.js";

describe("generationConfig", () => {
  it("maps sampling, length, stop and n", () => {
    expect(
      generationConfig({ temperature: 0.2, top_p: 0.9, top_k: 40, presence_penalty: 0.5, frequency_penalty: -0.5, seed: 7, max_tokens: 100, stop: "END", n: 2 }, "gemini-2.5-flash"),
    ).toEqual({ temperature: 0.2, topP: 0.9, topK: 40, presencePenalty: 0.5, frequencyPenalty: -0.5, seed: 7, maxOutputTokens: 100, stopSequences: ["END"], candidateCount: 2 });
  });
  it("prefers max_completion_tokens over max_tokens and leaves n=1 implicit", () => {
    expect(generationConfig({ max_tokens: 10, max_completion_tokens: 20, n: 1, stop: ["a", "b"] }, "m")).toEqual({ maxOutputTokens: 20, stopSequences: ["a", "b"] });
  });
  it("asks for JSON for json_object and passes a json_schema's schema whole", () => {
    expect(generationConfig({ response_format: { type: "json_object" } }, "m")).toEqual({ responseMimeType: "application/json" });
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };
    expect(generationConfig({ response_format: { type: "json_schema", json_schema: { name: "city", strict: true, schema } } }, "m")).toEqual({
      responseMimeType: "application/json",
      responseJsonSchema: schema,
    });
    expect(generationConfig({ response_format: { type: "text" } }, "m")).toEqual({});
  });
  it("adds the thinking config for reasoning_effort", () => {
    expect(generationConfig({ reasoning_effort: "high" }, "gemini-3-pro-preview")).toEqual({ thinkingConfig: { thinkingLevel: "high", includeThoughts: true } });
  });
  it("treats null as absent", () => {
    expect(generationConfig({ temperature: null, stop: null, response_format: null }, "m")).toEqual({});
  });
  it("answers 400 naming the field for values Gemini cannot take", () => {
    expect(() => generationConfig({ temperature: "hot" }, "m")).toThrow(/temperature/);
    expect(() => generationConfig({ max_tokens: 1.5 }, "m")).toThrow(/max_tokens must be an integer/);
    expect(() => generationConfig({ n: 0 }, "m")).toThrow(/n must be at least 1/);
    expect(() => generationConfig({ stop: [1] }, "m")).toThrow(/stop/);
    expect(() => generationConfig({ response_format: { type: "json_schema", json_schema: { name: "x" } } }, "m")).toThrow(/response_format\.json_schema\.schema/);
    expect(() => generationConfig({ response_format: { type: "grammar" } }, "m")).toThrow(/response_format/);
  });
});
