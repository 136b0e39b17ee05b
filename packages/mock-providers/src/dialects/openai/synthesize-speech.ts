import { createHash } from "node:crypto";
import { fnv1a } from "../../seeded-random.js";
import { seededPcm, silentMp3, wavOf } from "./audio-bytes.js";

export interface SpeechRequest {
  input: string;
  voice?: unknown;
  response_format?: unknown;
  speed?: unknown;
}

export interface SpeechAudio {
  contentType: string;
  body: Buffer;
}

/** Formats the mock can produce real bytes for; OpenAI's others (opus, aac, flac) are refused loudly. */
export const SPEECH_FORMATS: Readonly<Record<string, string>> = { mp3: "audio/mpeg", wav: "audio/wav", pcm: "audio/pcm" };

/** About 150 spoken words a minute. */
const WORDS_PER_SECOND = 2.5;

/** Seconds of speech the input would take at `speed` (OpenAI allows 0.25 to 4). */
export function speechSeconds(input: string, speed: unknown): number {
  const words = input.trim() === "" ? 0 : input.trim().split(/\s+/).length;
  const rate = typeof speed === "number" && speed >= 0.25 && speed <= 4 ? speed : 1;
  return Math.max(0.5, words / WORDS_PER_SECOND / rate);
}

/** Deterministic audio for a speech request; undefined for a format the mock cannot encode. */
export function synthesizeSpeech(request: SpeechRequest): SpeechAudio | undefined {
  const format = typeof request.response_format === "string" ? request.response_format : "mp3";
  const contentType = SPEECH_FORMATS[format];
  if (!contentType) return undefined;
  const seconds = speechSeconds(request.input, request.speed);
  const voice = typeof request.voice === "string" ? request.voice : "";
  if (format === "mp3") {
    const digest = createHash("sha256").update(`${voice}\u0000${request.input}`).digest("hex");
    return { contentType, body: silentMp3(seconds, digest) };
  }
  const pcm = seededPcm(seconds, fnv1a(`${voice}\u0000${request.input}`));
  return { contentType, body: format === "wav" ? wavOf(pcm) : pcm };
}
