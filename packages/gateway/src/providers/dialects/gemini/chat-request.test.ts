import { describe, expect, it } from "vitest";
import { GatewayError } from "../../../lib/errors.js";
import { chatRequest } from "./chat-request.js";
import { isObject, type JsonObject } from "./json-read.js";
import { googleJson } from "./test-fixtures.js";
import { studioTarget, vertexTarget } from "./test-targets.js";

const body = (extra: JsonObject = {}) => ({ messages: [{ role: "user", content: "What is the capital of France?" }], ...extra });
const sent = (req: { body: string }) => JSON.parse(req.body) as JsonObject;
const recorded = (name: string) => googleJson(name) as JsonObject;
const reject = (extra: JsonObject): GatewayError => {
  try {
    chatRequest(body(extra), studioTarget(), false);
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error("expected a GatewayError");
};

describe("chat requests against recorded SDK requests", () => {
  it("matches pydantic-ai's system + user request with temperature 0 (pyd-google-stream.i0.request.json)", () => {
    const req = chatRequest(
      { messages: [{ role: "system", content: "You are a helpful chatbot." }, { role: "user", content: "What is the capital of France?" }], temperature: 0, stream: true },
      studioTarget("gemini-2.0-flash-exp"),
      true,
    );
    const want = recorded("pyd-google-stream.i0.request.json");
    const got = sent(req);
    expect(got.contents).toEqual(want.contents);
    expect(got.systemInstruction).toEqual({ parts: (want.systemInstruction as JsonObject).parts });
    expect(got.generationConfig).toEqual(want.generationConfig);
    expect(req.path).toBe("/models/gemini-2.0-flash-exp:streamGenerateContent?alt=sse");
    expect(req.headers.accept).toBe("text/event-stream");
  });

  it("matches the plain user turn of the other recorded requests", () => {
    for (const name of ["pyd-google-model-not-found-404.i0.request.json", "pyd-google-stream-usage-mid-stream.i0.request.json", "pyd-google-max-tokens-thinking-empty.i0.request.json"]) {
      const want = recorded(name);
      const text = ((want.contents as JsonObject[])[0]!.parts as JsonObject[])[0]!.text;
      expect(sent(chatRequest({ messages: [{ role: "user", content: text }] }, studioTarget(), false)).contents, name).toEqual(want.contents);
    }
  });

  it("matches pydantic-ai's max-tokens request with thinking off (pyd-google-max-tokens.i0.request.json)", () => {
    const want = recorded("pyd-google-max-tokens.i0.request.json");
    const wantConfig = want.generationConfig as JsonObject;
    const got = sent(chatRequest(body({ max_tokens: 5, reasoning_effort: "none" }), studioTarget("gemini-2.5-flash"), false)).generationConfig as JsonObject;
    expect(got.maxOutputTokens).toBe(wantConfig.maxOutputTokens);
    expect(got.thinkingConfig).toEqual({ thinkingBudget: (wantConfig.thinkingConfig as JsonObject).thinking_budget });
  });

  it("matches the tool round trip of pyd-google-tool-output.i1.request.json, except the response wrapper key", () => {
    const want = recorded("pyd-google-tool-output.i1.request.json");
    const got = sent(
      chatRequest(
        {
          messages: [
            { role: "user", content: "What is the largest city in the user country?" },
            { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "get_user_country", arguments: "{}" } }] },
            { role: "tool", tool_call_id: "call_a", content: "Mexico" },
          ],
          tools: [
            { type: "function", function: { name: "get_user_country", description: "", parameters: { type: "object", properties: {} } } },
            { type: "function", function: { name: "final_result", description: "The final response which ends this conversation", parameters: { type: "object", properties: { city: { type: "string" }, country: { type: "string" } }, required: ["city", "country"] } } },
          ],
          tool_choice: "required",
        },
        studioTarget("gemini-2.0-flash"),
        false,
      ),
    );
    const [wantUser, wantModel, wantResult] = want.contents as JsonObject[];
    const [user, model, result] = got.contents as JsonObject[];
    expect(user).toEqual(wantUser);
    const call = (c: JsonObject) => ((c.parts as JsonObject[])[0]!.functionCall as JsonObject);
    expect(model!.role).toBe(wantModel!.role);
    expect({ name: call(model!).name, args: call(model!).args }).toEqual({ name: call(wantModel!).name, args: call(wantModel!).args });
    const response = (c: JsonObject) => ((c.parts as JsonObject[])[0]!.functionResponse as JsonObject);
    expect(result!.role).toBe(wantResult!.role);
    expect(response(result!).name).toBe(response(wantResult!).name);
    // pydantic-ai wraps results as {return_value}; we use Gemini's documented {output}.
    expect(response(result!).response).toEqual({ output: (response(wantResult!).response as JsonObject).return_value });
    expect((got.toolConfig as JsonObject).functionCallingConfig).toEqual({ mode: "ANY" });
    const names = (t: JsonObject) => ((t.tools as JsonObject[])[0]!.functionDeclarations as JsonObject[]).map((d) => d.name);
    expect(names(got)).toEqual(names(want));
  });

  it("declares a no-argument tool with the same JSON Schema and a signature on the replayed call (pyd-google-stream-tool-call-thought-signature.i1.request.json)", () => {
    const want = recorded("pyd-google-stream-tool-call-thought-signature.i1.request.json");
    const schema = { additionalProperties: false, properties: {}, type: "object" };
    const got = sent(
      chatRequest(
        {
          messages: [
            { role: "user", content: "What is the capital of the user country? Call the tool" },
            { role: "assistant", content: "", tool_calls: [{ id: "call_x", type: "function", function: { name: "get_country", arguments: "" } }] },
            { role: "tool", tool_call_id: "call_x", content: "Mexico" },
          ],
          tools: [{ type: "function", function: { name: "get_country", description: "", parameters: schema } }],
        },
        studioTarget("gemini-3-pro-preview"),
        true,
      ),
    );
    const declaration = (r: JsonObject) => ((r.tools as JsonObject[])[0]!.functionDeclarations as JsonObject[])[0]!;
    expect(declaration(got).parametersJsonSchema).toEqual(declaration(want).parameters_json_schema);
    const modelPart = (r: JsonObject) => ((r.contents as JsonObject[])[1]!.parts as JsonObject[])[0]!;
    expect(typeof modelPart(want).thoughtSignature).toBe("string");
    expect(typeof modelPart(got).thoughtSignature).toBe("string");
    expect((modelPart(got).functionCall as JsonObject).args).toEqual((modelPart(want).functionCall as JsonObject).args);
  });

  it("matches the first turns' tools, toolConfig and contents (pyd-google-tool-output.i0.request.json, pyd-google-stream-tool-call-thought-signature.i0.request.json)", () => {
    const forced = recorded("pyd-google-tool-output.i0.request.json");
    const got = sent(
      chatRequest(
        {
          messages: [{ role: "user", content: "What is the largest city in the user country?" }],
          tools: [
            { type: "function", function: { name: "get_user_country", description: "" } },
            { type: "function", function: { name: "final_result", description: "The final response which ends this conversation" } },
          ],
          tool_choice: { type: "allowed_tools", allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "get_user_country" } }, { type: "function", function: { name: "final_result" } }] } },
        },
        studioTarget("gemini-2.0-flash"),
        false,
      ),
    );
    expect(got.contents).toEqual(forced.contents);
    expect(got.toolConfig).toEqual(forced.toolConfig);
    const signed = recorded("pyd-google-stream-tool-call-thought-signature.i0.request.json");
    const schema = { additionalProperties: false, properties: {}, type: "object" };
    const first = sent(
      chatRequest(
        { messages: [{ role: "user", content: "What is the capital of the user country? Call the tool" }], tools: [{ type: "function", function: { name: "get_country", description: "", parameters: schema } }] },
        studioTarget("gemini-3-pro-preview"),
        true,
      ),
    );
    expect(first.contents).toEqual(signed.contents);
    const { parameters_json_schema: wantSchema, ...wantRest } = ((signed.tools as JsonObject[])[0]!.functionDeclarations as JsonObject[])[0]!;
    expect(first.tools).toEqual([{ functionDeclarations: [{ ...wantRest, parametersJsonSchema: wantSchema }] }]);
  });

  it("sends the same body to Vertex, with a bearer token (pyd-google-vertex-provider.i0.request.json)", () => {
    const want = recorded("pyd-google-vertex-provider.i0.request.json");
    const req = chatRequest({ messages: [{ role: "system", content: "You are a helpful chatbot." }, { role: "user", content: "What is the capital of France?" }] }, vertexTarget("gemini-2.0-flash"), false);
    expect(sent(req).contents).toEqual(want.contents);
    expect(sent(req).systemInstruction).toEqual({ parts: (want.systemInstruction as JsonObject).parts });
    expect(req.path).toBe("/models/gemini-2.0-flash:generateContent");
    expect(req.headers.authorization).toBe("Bearer ya29.test-oauth-token");
    expect(req.path + req.body).not.toContain("ya29");
  });
});

describe("chat request fields", () => {
  it("keeps the API key out of the path and body", () => {
    const req = chatRequest(body(), studioTarget(), false);
    expect(req.headers["x-goog-api-key"]).toBe("AIza-test-key-123");
    expect(req.path + req.body).not.toContain("AIza");
  });
  it("ignores OpenAI bookkeeping fields and default-valued switches", () => {
    const req = chatRequest(
      body({ model: "gemini-2.5-flash", user: "u1", stream_options: { include_usage: true }, store: false, metadata: { a: "b" }, parallel_tool_calls: true, logprobs: false, logit_bias: {}, service_tier: "auto", modalities: ["text"], seed: null }),
      studioTarget(),
      false,
    );
    expect(Object.keys(sent(req))).toEqual(["contents"]);
  });
  it("answers 400 naming each field Gemini cannot honour", () => {
    for (const [field, value] of Object.entries({ parallel_tool_calls: false, logprobs: true, logit_bias: { "50256": -100 }, audio: { voice: "x" }, functions: [], prediction: {}, web_search_options: {}, verbosity: "low", service_tier: "flex" })) {
      const error = reject({ [field]: value });
      expect(error.status, field).toBe(400);
      expect(error.param, field).toBe(field);
      expect(error.code, field).toBe("unsupported_parameter");
    }
  });
  it("includes tools, toolConfig and generationConfig only when asked for", () => {
    const got = sent(chatRequest(body({ tools: [{ type: "function", function: { name: "f" } }], tool_choice: "auto", max_completion_tokens: 64 }), studioTarget(), false));
    expect(got.tools).toEqual([{ functionDeclarations: [{ name: "f" }] }]);
    expect(got.toolConfig).toEqual({ functionCallingConfig: { mode: "AUTO" } });
    expect(got.generationConfig).toEqual({ maxOutputTokens: 64 });
    expect(isObject(got.systemInstruction)).toBe(false);
  });
});
