import { describe, expect, it } from "vitest";
import { type TranscriptionRequest, synthesizeTranscription, uploadSeconds } from "./synthesize-transcription.js";

const file = { filename: "call.mp3", type: "audio/mpeg", size: 48_000, sha256: "x" };
const request: TranscriptionRequest = { model: "whisper-1", file, task: "transcribe", responseFormat: "json", granularities: [] };

describe("synthesizeTranscription", () => {
  it("estimates duration from size by container", () => {
    expect(uploadSeconds(file)).toBe(3);
    expect(uploadSeconds({ ...file, filename: "call.wav", type: "" })).toBe(1);
  });

  it("bills Whisper by the second and GPT-4o transcribe models by token", () => {
    const whisper = synthesizeTranscription(request);
    expect(whisper).toEqual({
      kind: "json",
      body: { text: 'This is the Igris demo provider, so no model transcribed "call.mp3" (48000 bytes).', usage: { type: "duration", seconds: 3 } },
    });
    const gpt = synthesizeTranscription({ ...request, model: "gpt-4o-transcribe" });
    expect(gpt.kind === "json" && gpt.body).toMatchObject({ usage: { type: "tokens", input_tokens: 30, input_token_details: { audio_tokens: 30 } } });
  });

  it("gives verbose_json segments by default and words only when asked", () => {
    const plain = synthesizeTranscription({ ...request, responseFormat: "verbose_json", language: "fr" });
    expect(plain.kind === "json" && plain.body).toMatchObject({ task: "transcribe", language: "fr", duration: 3, segments: [{ end: 3 }] });
    expect(plain.kind === "json" && "words" in (plain.body as object)).toBe(false);
    const words = synthesizeTranscription({ ...request, responseFormat: "verbose_json", granularities: ["word"] });
    expect(words.kind === "json" && Object.keys(words.body as object)).toEqual(["task", "language", "duration", "text", "words", "usage"]);
  });

  it("writes text, srt and vtt as text", () => {
    expect(synthesizeTranscription({ ...request, responseFormat: "text" })).toMatchObject({ kind: "text", body: expect.stringMatching(/\n$/) });
    expect(synthesizeTranscription({ ...request, responseFormat: "vtt" }).body).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:03\.000\n/);
    expect(synthesizeTranscription({ ...request, task: "translate", responseFormat: "srt" }).body).toContain("no model translated");
  });
});
