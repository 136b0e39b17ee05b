import { describe, expect, it } from "vitest";
import type { DialectCall, Reply } from "../dialect.js";
import { OPENAI_SYNTHESIZERS } from "./synthesize.js";

const call = (operation: string, form?: DialectCall["form"]): DialectCall => ({
  operation,
  apiPath: "/v1",
  query: new URLSearchParams(),
  headers: {},
  origin: "http://mock.test",
  ...(form ? { form } : {}),
});
const run = (operation: string, request: Record<string, unknown>, form?: DialectCall["form"]): Reply =>
  OPENAI_SYNTHESIZERS[operation]!(call(operation, form), request);
const errorOf = (reply: Reply) => (reply.kind === "json" ? (reply.body as { error?: { param: string | null; code: string | null } }).error : undefined);

describe("OpenAI synthesizers", () => {
  it("stream chat as SSE ending in [DONE], and answer JSON otherwise", () => {
    const messages = [{ role: "user", content: "hi" }];
    const stream = run("chat", { model: "m", messages, stream: true });
    expect(stream.kind === "stream" && stream.stream.events.at(-1)).toBe("data: [DONE]\n\n");
    expect(run("chat", { model: "m", messages })).toMatchObject({ kind: "json", body: { object: "chat.completion" } });
  });

  it("refuse what OpenAI refuses, naming the parameter", () => {
    expect(errorOf(run("chat", { messages: [] }))).toMatchObject({ param: null });
    expect(errorOf(run("embeddings", { model: "m" }))).toMatchObject({ param: "input", code: "missing_required_parameter" });
    expect(errorOf(run("speech", { model: "tts-1", input: "hi" }))).toMatchObject({ param: "voice" });
    expect(errorOf(run("images", { prompt: "x", stream: true }))).toMatchObject({ param: "stream" });
  });

  it("refuse streaming modes the mock does not emulate rather than ignore them", () => {
    expect(errorOf(run("speech", { model: "tts-1", input: "hi", voice: "alloy", stream_format: "sse" }))).toMatchObject({ param: "stream_format" });
    const file = { filename: "a.mp3", type: "audio/mpeg", size: 10, sha256: "x" };
    const form = { kind: "form" as const, fields: {}, files: { file } };
    expect(errorOf(run("transcriptions", { model: "whisper-1", stream: "true" }, form))).toMatchObject({ param: "stream" });
    expect(errorOf(run("transcriptions", { model: "whisper-1", response_format: "xml" }, form))).toMatchObject({ param: "response_format" });
    expect(run("transcriptions", { model: "whisper-1", response_format: "text" }, form)).toMatchObject({ kind: "bytes", contentType: "text/plain; charset=utf-8" });
  });
});
