import { estimateTokens } from "../../estimate-tokens.js";
import type { UploadedFile } from "../../request-body.js";

export type TranscriptionTask = "transcribe" | "translate";

export interface TranscriptionRequest {
  model: string;
  file: UploadedFile;
  task: TranscriptionTask;
  responseFormat: string;
  language?: string;
  /** `timestamp_granularities[]` values. */
  granularities: readonly string[];
}

export type TranscriptionAnswer = { kind: "json"; body: unknown } | { kind: "text"; contentType: string; body: string };

export const TRANSCRIPTION_FORMATS = ["json", "text", "srt", "verbose_json", "vtt"] as const;

/** Bytes per second by container: 128 kbit/s MP3 unless the upload is WAV or raw PCM at 24 kHz 16-bit. */
function bytesPerSecond(file: UploadedFile): number {
  return /wav|pcm/i.test(file.type) || /\.(wav|pcm)$/i.test(file.filename) ? 48_000 : 16_000;
}

/** Duration the upload would play for, rounded as Whisper reports it. */
export function uploadSeconds(file: UploadedFile): number {
  return Math.round((file.size / bytesPerSecond(file)) * 100) / 100;
}

/** The demo transcript: it names the upload, so a test can see which file reached the provider. */
export function transcriptText(request: TranscriptionRequest): string {
  const verb = request.task === "translate" ? "translated" : "transcribed";
  return `This is the Igris demo provider, so no model ${verb} "${request.file.filename}" (${request.file.size} bytes).`;
}

export function synthesizeTranscription(request: TranscriptionRequest): TranscriptionAnswer {
  const text = transcriptText(request);
  const seconds = uploadSeconds(request.file);
  const plain = (body: string): TranscriptionAnswer => ({ kind: "text", contentType: "text/plain; charset=utf-8", body });
  switch (request.responseFormat) {
    case "text":
      return plain(`${text}\n`);
    case "srt":
      return plain(`1\n00:00:00,000 --> ${timestamp(seconds, ",")}\n${text}\n\n`);
    case "vtt":
      return plain(`WEBVTT\n\n00:00:00.000 --> ${timestamp(seconds, ".")}\n${text}\n\n`);
    case "verbose_json":
      return { kind: "json", body: verboseTranscript(request, text, seconds) };
    default:
      return { kind: "json", body: { text, usage: usageOf(request.model, text, seconds) } };
  }
}

/** Whisper bills by the second; the GPT-4o transcribe models bill tokens. */
function usageOf(model: string, text: string, seconds: number) {
  if (model === "whisper-1") return { type: "duration", seconds: Math.ceil(seconds) };
  const audioTokens = Math.max(1, Math.ceil(seconds * 10));
  const outputTokens = estimateTokens(text);
  return {
    type: "tokens",
    input_tokens: audioTokens,
    input_token_details: { text_tokens: 0, audio_tokens: audioTokens },
    output_tokens: outputTokens,
    total_tokens: audioTokens + outputTokens,
  };
}

function verboseTranscript(request: TranscriptionRequest, text: string, seconds: number) {
  const body: Record<string, unknown> = {
    task: request.task,
    language: request.task === "translate" ? "english" : (request.language ?? "english"),
    duration: seconds,
    text,
  };
  if (request.granularities.includes("word")) {
    const words = text.split(/\s+/);
    const step = seconds / words.length;
    body.words = words.map((word, i) => ({ word, start: round(i * step), end: round((i + 1) * step) }));
  }
  if (request.granularities.length === 0 || request.granularities.includes("segment")) {
    body.segments = [
      {
        id: 0,
        seek: 0,
        start: 0,
        end: seconds,
        text: ` ${text}`,
        tokens: [],
        temperature: 0,
        avg_logprob: -0.2,
        compression_ratio: 1,
        no_speech_prob: 0.01,
      },
    ];
  }
  body.usage = { type: "duration", seconds: Math.ceil(seconds) };
  return body;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function timestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const clock = [Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60].map((n) => pad(n));
  return `${clock.join(":")}${separator}${pad(ms % 1000, 3)}`;
}
