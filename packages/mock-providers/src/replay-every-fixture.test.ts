import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, FixtureStore, defaultFixturesDir } from "./fixture-store.js";
import { type MockProvider, startMockProvider } from "./server.js";

const wire = defaultFixturesDir({});
const store = new FixtureStore(wire);
let mock: MockProvider;

beforeAll(async () => {
  mock = await startMockProvider({ fixturesDir: wire });
});
afterAll(() => mock.close());

/** The route and body a client of the recording's provider would send, streaming as the recording does. */
function requestFor(folder: string, file: string, stream: boolean): { path: string; body: object } {
  const embed = /embed/.test(file);
  const messages = [{ role: "user", content: "hello" }];
  switch (folder) {
    case "anthropic":
      return { path: "/v1/messages", body: { model: "m", max_tokens: 10, messages, stream } };
    case "google": {
      const base = /vertex/.test(file) ? "/v1/projects/p/locations/l/publishers/google/models/m" : "/v1beta/models/m";
      if (embed) return { path: `${base}:${/vertex/.test(file) ? "predict" : "batchEmbedContents"}`, body: {} };
      return { path: `${base}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`, body: { contents: [] } };
    }
    case "bedrock":
      return { path: `/model/m/${embed ? "invoke" : stream ? "converse-stream" : "converse"}`, body: { messages: [] } };
    case "cohere":
      return { path: embed ? "/v2/embed" : "/v2/chat", body: { model: "m", messages, stream } };
    default:
      return {
        path: embed ? "/v1/embeddings" : "/v1/chat/completions",
        body: { model: "m", messages, stream, stream_options: { include_usage: true } },
      };
  }
}

async function recordings(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of await readdir(wire, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of await readdir(join(wire, folder.name))) {
      if (!/\.(meta\.json|cassette\.yaml|request\.json)$/.test(file)) files.push(`${folder.name}/${file}`);
    }
  }
  return files;
}

function expectedBytes(fixture: Fixture): Buffer {
  return fixture.kind === "json" ? fixture.body : fixture.bodyWithUsage;
}

describe("every recorded response", () => {
  it("replays through its own provider's route with its recorded status and exact bytes", async () => {
    const files = await recordings();
    expect(files.length).toBeGreaterThan(100);
    for (const name of files) {
      const fixture = await store.load(name);
      const [folder = "", file = ""] = name.split("/");
      const { path, body } = requestFor(folder, file, fixture.kind === "stream");
      const res = await fetch(`${mock.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-mock": `fixture=${name}` },
        body: JSON.stringify(body),
      });
      expect(res.status, name).toBe(fixture.status);
      expect(Buffer.from(await res.arrayBuffer()).equals(expectedBytes(fixture)), name).toBe(true);
    }
  });
});
