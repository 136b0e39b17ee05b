import { describe, expect, it } from "vitest";
import { speechSeconds, synthesizeSpeech } from "./synthesize-speech.js";

describe("synthesizeSpeech", () => {
  it("lasts as long as the words would take, faster at a higher speed", () => {
    expect(speechSeconds("one two three four five", 1)).toBe(2);
    expect(speechSeconds("one two three four five", 2)).toBe(1);
    expect(speechSeconds("", 1)).toBe(0.5);
    expect(speechSeconds("one two", 99)).toBe(0.8);
  });

  it("answers mp3 by default, wav and pcm on request, nothing for other formats", () => {
    expect(synthesizeSpeech({ input: "hi" })?.contentType).toBe("audio/mpeg");
    expect(synthesizeSpeech({ input: "hi", response_format: "wav" })?.body.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(synthesizeSpeech({ input: "hi", response_format: "pcm" })?.contentType).toBe("audio/pcm");
    expect(synthesizeSpeech({ input: "hi", response_format: "flac" })).toBeUndefined();
  });

  it("differs by voice as well as input", () => {
    const a = synthesizeSpeech({ input: "hi", voice: "alloy" })!.body;
    expect(a.equals(synthesizeSpeech({ input: "hi", voice: "alloy" })!.body)).toBe(true);
    expect(a.equals(synthesizeSpeech({ input: "hi", voice: "nova" })!.body)).toBe(false);
  });
});
