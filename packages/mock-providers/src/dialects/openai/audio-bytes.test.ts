import { describe, expect, it } from "vitest";
import { PCM_SAMPLE_RATE, seededPcm, silentMp3, wavOf } from "./audio-bytes.js";

describe("silentMp3", () => {
  it("starts with an ID3v2.4 tag holding the note, then 417-byte MPEG frames for the duration", () => {
    const mp3 = silentMp3(1, "abc123");
    expect(mp3.subarray(0, 5)).toEqual(Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00]));
    const tagSize = (mp3[6]! << 21) | (mp3[7]! << 14) | (mp3[8]! << 7) | mp3[9]!;
    expect(mp3.subarray(10, 10 + tagSize).toString("utf8")).toContain("igris-mock-input\u0000abc123");
    const audio = mp3.subarray(10 + tagSize);
    expect(audio.length % 417).toBe(0);
    expect(audio.length / 417).toBe(38); // 1 s at 1152 samples per frame, 44.1 kHz
    expect([...audio.subarray(417, 421)]).toEqual([0xff, 0xfb, 0x90, 0xc0]);
  });
});

describe("WAV and PCM", () => {
  it("makes 16-bit mono PCM at 24 kHz and a RIFF header that describes it", () => {
    const pcm = seededPcm(0.5, 7);
    expect(pcm.length).toBe(PCM_SAMPLE_RATE);
    expect(pcm.equals(seededPcm(0.5, 7))).toBe(true);
    const wav = wavOf(pcm);
    expect(wav.toString("latin1", 0, 4)).toBe("RIFF");
    expect(wav.toString("latin1", 8, 16)).toBe("WAVEfmt ");
    expect(wav.readUInt32LE(24)).toBe(PCM_SAMPLE_RATE);
    expect(wav.readUInt32LE(40)).toBe(pcm.length);
    expect(wav.length).toBe(44 + pcm.length);
  });
});
