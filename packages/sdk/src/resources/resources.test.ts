import { describe, expect, it } from "vitest";
import { Igris } from "../client.js";
import { IgrisConflictError, IgrisValidationError } from "../errors.js";
import { fakeFetch, json } from "../test-support/fake-fetch.js";

const vk = { id: "vk_1", slug: "openai-prod", provider: "openai", customBaseUrl: null, models: null, enabled: true, credentialKeyVersion: "1", createdAt: "t", updatedAt: "t" };

function client(answer: Parameters<typeof fakeFetch>[0]) {
  const { fetch, sent } = fakeFetch(answer);
  return { igris: new Igris({ apiKey: "igris_sk_admin", baseUrl: "http://gw", fetch }), sent };
}

describe("embeddings.create", () => {
  it("posts to /v1/embeddings with the user header", async () => {
    const answer = { object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1] }], model: "m" };
    const { igris, sent } = client(() => json(200, answer));
    expect(await igris.embeddings.create({ model: "@v/m", input: ["a"], dimensions: 8, encoding_format: "float", user: "u" })).toEqual(answer);
    expect(sent[0]).toMatchObject({ url: "http://gw/v1/embeddings", method: "POST", body: { model: "@v/m", input: ["a"], dimensions: 8, encoding_format: "float", user: "u" }, headers: { "x-igris-user": "u" } });
  });
});

describe("llmProviders.list", () => {
  it("returns the registry entries of GET /v1/providers", async () => {
    const openai = { slug: "openai", name: "OpenAI", baseUrl: "https://api.openai.com/v1", authStyle: "bearer", supportedEndpoints: ["chat.completions"] };
    const { igris, sent } = client(() => json(200, { object: "list", data: [openai] }));
    expect(await igris.llmProviders.list()).toEqual([openai]);
    expect(sent[0]).toMatchObject({ url: "http://gw/v1/providers", method: "GET" });
  });
});

describe("virtualKeys", () => {
  it("calls each admin route with its method and body", async () => {
    const { igris, sent } = client((req) => (req.method === "DELETE" ? json(204, null) : req.method === "GET" && req.url.endsWith("keys") ? json(200, { data: [vk] }) : json(req.method === "POST" ? 201 : 200, vk)));
    expect(await igris.virtualKeys.create({ slug: "openai-prod", provider: "openai", apiKey: "sk-x", models: ["gpt-4o*"] })).toEqual(vk);
    expect(await igris.virtualKeys.list()).toEqual([vk]);
    expect(await igris.virtualKeys.get("openai-prod")).toEqual(vk);
    expect(await igris.virtualKeys.update("openai-prod", { enabled: false, customBaseUrl: null })).toEqual(vk);
    expect(await igris.virtualKeys.delete("openai-prod")).toBeUndefined();
    expect(sent.map((r) => `${r.method} ${r.url.slice("http://gw".length)}`)).toEqual([
      "POST /api/virtual-keys",
      "GET /api/virtual-keys",
      "GET /api/virtual-keys/openai-prod",
      "PATCH /api/virtual-keys/openai-prod",
      "DELETE /api/virtual-keys/openai-prod",
    ]);
    expect(sent[0]!.body).toEqual({ slug: "openai-prod", provider: "openai", apiKey: "sk-x", models: ["gpt-4o*"] });
    expect(sent[3]!.body).toEqual({ enabled: false, customBaseUrl: null });
  });

  it("escapes the slug in the path", async () => {
    const { igris, sent } = client(() => json(200, vk));
    await igris.virtualKeys.get("a/b?c");
    expect(sent[0]!.url).toBe("http://gw/api/virtual-keys/a%2Fb%3Fc");
  });

  it("throws the conflict and validation errors of the admin API", async () => {
    const { igris } = client((req) =>
      req.body.slug === "taken"
        ? json(409, { error: { message: "exists", type: "conflict_error", param: "slug", code: "virtual_key_exists" } })
        : json(422, { error: { message: "bad", type: "invalid_request_error", param: "models.0", code: "validation_error" } }),
    );
    await expect(igris.virtualKeys.create({ slug: "taken", provider: "openai", apiKey: "k" })).rejects.toBeInstanceOf(IgrisConflictError);
    await expect(igris.virtualKeys.create({ slug: "x", provider: "openai", apiKey: "k", models: [""] })).rejects.toMatchObject({ constructor: IgrisValidationError, param: "models.0" });
  });
});

describe("audit.list", () => {
  it("sends the filters as query parameters, dates as ISO times", async () => {
    const page = { data: [], nextCursor: null };
    const { igris, sent } = client(() => json(200, page));
    expect(await igris.audit.list({ limit: 10, user: "alice", status: 429, from: new Date("2026-01-01T00:00:00Z"), to: 1767312000000, cursor: "abc" })).toEqual(page);
    const url = new URL(sent[0]!.url);
    expect(url.pathname).toBe("/api/audit");
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: "10", user: "alice", status: "429", from: "2026-01-01T00:00:00.000Z", to: "1767312000000", cursor: "abc" });
    await igris.audit.list();
    expect(sent[1]!.url).toBe("http://gw/api/audit");
  });
});
