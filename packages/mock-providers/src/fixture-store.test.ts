import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FixtureError, FixtureStore, OPENAI_FRAMING, defaultFixturesDir, sidecarCandidates } from "./fixture-store.js";
import { MODEL_FIXTURES } from "./model-fixtures.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "igris-mock-fixtures-"));
  await mkdir(join(dir, "acme"));
  await writeFile(join(dir, "acme", "text-stream.chunks.txt"), '{"choices":[{"delta":{"content":"a"}}]}\n{"choices":[],"usage":{"total_tokens":1}}');
  await writeFile(join(dir, "acme", "text.json"), '{"id":"x"}');
  await writeFile(join(dir, "acme", "rate-limited.i0.response.json"), '{"error":{"message":"slow down"}}');
  await writeFile(join(dir, "acme", "rate-limited.i0.response.meta.json"), '{"http_status":429}');
  await writeFile(join(dir, "acme", "verbatim.sse"), "event: a\ndata: 1\n\ndata: [DONE]\n\n");
  await writeFile(join(dir, "acme", "part-stream.1.chunks.txt"), '{"x":1}');
  await writeFile(join(dir, "acme", "part-stream.meta.json"), '{"http_status":201}');
  await writeFile(join(dir, "acme", "recording.cassette.yaml"), "interactions: []");
  await writeFile(join(dir, "acme", "raw-stream.txt"), "data: {\"a\":1}\r\n\r\ndata: {\"a\":2}\r\n\r\n");
  await writeFile(join(dir, "acme", "raw-stream.meta.json"), '{"kind":"stream","api":"streamGenerateContent?alt=sse"}');
  await writeFile(join(dir, "acme", "raw-body.txt"), '{"ok":true}');
  await writeFile(join(dir, "acme", "raw-body.meta.json"), '{"kind":"json"}');
  await writeFile(join(dir, "acme", "google-error.json"), '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}');
  await writeFile(join(dir, "acme", "google-error.meta.json"), '{"kind":"error"}');
  await writeFile(join(dir, "acme", "openai-error.json"), '{"error":{"code":"unsupported_parameter"}}');
  await writeFile(join(dir, "acme", "openai-error.meta.json"), '{"kind":"error"}');
  await writeFile(join(dir, "acme", "tool.error.json"), "{}");
  await writeFile(join(dir, "acme", "tool.meta.json"), '{"http_status":207}');
  await writeFile(join(dir, "acme", "events.i0.response.eventstream.jsonl"), '{"headers":{":event-type":"x"},"payload":{}}');
  await mkdir(join(dir, "named"));
  await writeFile(join(dir, "named", "typed-stream.chunks.txt"), '{"type":"a"}\n{"type":"b"}');
});

describe("FixtureStore", () => {
  it("resolves a name without extension by trying .chunks.txt, .sse then .json", async () => {
    const store = new FixtureStore(dir);
    expect((await store.load("acme/text-stream")).file).toBe(join(dir, "acme", "text-stream.chunks.txt"));
    expect((await store.load("acme/verbatim")).kind).toBe("stream");
    expect((await store.load("acme/text")).kind).toBe("json");
  });

  it("accepts the exact file name too", async () => {
    const fixture = await new FixtureStore(dir).load("acme/text.json");
    expect(fixture.kind === "json" && fixture.body.toString()).toBe('{"id":"x"}');
  });

  it("takes the status from the sidecar's http_status and defaults to 200", async () => {
    const store = new FixtureStore(dir);
    expect((await store.load("acme/rate-limited.i0.response")).status).toBe(429);
    expect((await store.load("acme/text")).status).toBe(200);
    expect((await store.load("acme/part-stream.1")).status).toBe(201);
  });

  it("frames .chunks.txt lines and precomputes the body without the usage event", async () => {
    const fixture = await new FixtureStore(dir).load("acme/text-stream");
    if (fixture.kind !== "stream") throw new Error("expected a stream fixture");
    expect(fixture.events).toHaveLength(3);
    expect(fixture.usageEventIndex).toBe(1);
    expect(fixture.bodyWithoutUsage.toString()).toBe('data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: [DONE]\n\n');
    expect(fixture.bodyWithUsage.toString()).toContain('"usage":{"total_tokens":1}');
  });

  it("keeps .sse text verbatim", async () => {
    const fixture = await new FixtureStore(dir).load("acme/verbatim");
    expect(fixture.kind === "stream" && fixture.bodyWithUsage.toString()).toBe("event: a\ndata: 1\n\ndata: [DONE]\n\n");
  });

  it("serves repeat loads from memory", async () => {
    const store = new FixtureStore(dir);
    expect(await store.load("acme/text")).toBe(await store.load("acme/text"));
  });

  it("fails with a 500 naming the paths it tried when a fixture is missing", async () => {
    const error = await new FixtureStore(dir).load("acme/nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as FixtureError).status).toBe(500);
    expect((error as FixtureError).message).toContain(join(dir, "acme", "nope.chunks.txt"));
  });

  it("fails with a 500 naming the directory when the fixtures dir is missing", async () => {
    const missing = join(dir, "does-not-exist");
    const error = (await new FixtureStore(missing).load("openai/x").catch((e: unknown) => e)) as FixtureError;
    expect(error.status).toBe(500);
    expect(error.message).toContain(`fixtures directory ${missing} does not exist`);
  });

  it("refuses names that leave the fixtures dir, and formats it cannot replay", async () => {
    const store = new FixtureStore(dir);
    await expect(store.load("../etc/passwd")).rejects.toMatchObject({ status: 400 });
    await expect(store.load("acme/recording.cassette.yaml")).rejects.toMatchObject({ status: 400 });
  });
});

describe("FixtureStore in other dialects", () => {
  it("reads a raw .txt body as a verbatim stream or as JSON, as its sidecar says", async () => {
    const store = new FixtureStore(dir);
    const stream = await store.load("acme/raw-stream");
    expect(stream.kind === "stream" && stream.events).toEqual(['data: {"a":1}\r\n\r\n', 'data: {"a":2}\r\n\r\n']);
    expect((await store.load("acme/raw-body")).kind).toBe("json");
  });

  it("takes a recorded error's status from its body's numeric error.code, else 400", async () => {
    const store = new FixtureStore(dir);
    expect((await store.load("acme/google-error")).status).toBe(429);
    expect((await store.load("acme/openai-error")).status).toBe(400);
    expect((await store.load("acme/tool.error.json")).status).toBe(207);
  });

  it("frames .chunks.txt by the folder's framing", async () => {
    const framing = { contentType: "text/x-named", frameChunkLines: (text: string) => text.split("\n").map((l) => `<${l}>`) };
    const store = new FixtureStore(dir, (folder) => (folder === "named" ? framing : OPENAI_FRAMING));
    const fixture = await store.load("named/typed-stream");
    expect(fixture.kind === "stream" && [fixture.contentType, fixture.events]).toEqual(["text/x-named", ['<{"type":"a"}>', '<{"type":"b"}>']]);
  });

  it("replays an event-stream recording only where the folder's framing can encode one", async () => {
    await expect(new FixtureStore(dir, () => OPENAI_FRAMING).load("acme/events.i0.response")).rejects.toMatchObject({ status: 400 });
    const framing = { ...OPENAI_FRAMING, frameEventStreamJsonl: () => [Uint8Array.of(1, 2)] };
    const fixture = await new FixtureStore(dir, () => framing).load("acme/events.i0.response");
    expect(fixture.kind === "stream" && fixture.bodyWithUsage).toEqual(Buffer.from([1, 2]));
  });
});

describe("sidecarCandidates", () => {
  it("swaps the fixture extension for .meta.json, also without a part number or .error", () => {
    expect(sidecarCandidates("/f/a.i0.response.sse")).toEqual(["/f/a.i0.response.meta.json"]);
    expect(sidecarCandidates("/f/a-stream.1.chunks.txt")).toEqual(["/f/a-stream.1.meta.json", "/f/a-stream.meta.json"]);
    expect(sidecarCandidates("/f/a.error.json")).toEqual(["/f/a.error.meta.json", "/f/a.meta.json"]);
    expect(sidecarCandidates("/f/a.i0.response.eventstream.jsonl")).toEqual(["/f/a.i0.response.meta.json"]);
  });
});

describe("defaultFixturesDir", () => {
  it("prefers IGRIS_FIXTURES_DIR, else finds shared/fixtures/wire beside the repo", () => {
    expect(defaultFixturesDir({ IGRIS_FIXTURES_DIR: "/tmp/elsewhere" })).toBe("/tmp/elsewhere");
    expect(defaultFixturesDir({})).toMatch(/[/\\]shared[/\\]fixtures[/\\]wire$/);
  });
});

describe("MODEL_FIXTURES", () => {
  it("points only at recordings that exist and match the variant's shape", async () => {
    const store = new FixtureStore(defaultFixturesDir({}));
    for (const row of MODEL_FIXTURES) {
      const fixture = await store.load(row.fixture);
      expect(fixture.status, row.fixture).toBe(200);
      expect(fixture.kind, row.fixture).toBe(row.variant === "stream" ? "stream" : "json");
    }
  });
});
