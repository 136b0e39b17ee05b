import { mulberry32 } from "../../seeded-random.js";

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no CRC, no padding: every frame is 417 bytes. */
const MP3_FRAME_HEADER = [0xff, 0xfb, 0x90, 0xc0] as const;
const MP3_FRAME_BYTES = 417;
const MP3_FRAME_SECONDS = 1152 / 44_100;

/** OpenAI's `pcm` speech format: 24 kHz, 16-bit signed little-endian, mono. */
export const PCM_SAMPLE_RATE = 24_000;

/**
 * Silent MP3 audio of about `seconds`, preceded by an ID3v2.4 tag whose TXXX
 * frame holds `note`. Frames whose side information is all zero decode as silence,
 * so players accept the bytes while the tag keeps them tied to the input.
 */
export function silentMp3(seconds: number, note: string): Buffer {
  const frames = Math.max(1, Math.round(seconds / MP3_FRAME_SECONDS));
  const audio = Buffer.alloc(frames * MP3_FRAME_BYTES);
  for (let i = 0; i < frames; i++) audio.set(MP3_FRAME_HEADER, i * MP3_FRAME_BYTES);
  return Buffer.concat([id3Tag("igris-mock-input", note), audio]);
}

/** Quiet noise seeded from `seed`: raw PCM samples, or the same wrapped in a WAV header. */
export function seededPcm(seconds: number, seed: number): Buffer {
  const samples = Math.max(1, Math.round(seconds * PCM_SAMPLE_RATE));
  const next = mulberry32(seed);
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round((next() * 2 - 1) * 64), i * 2);
  return out;
}

export function wavOf(pcm: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(PCM_SAMPLE_RATE, 24);
  header.writeUInt32LE(PCM_SAMPLE_RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

function id3Tag(description: string, value: string): Buffer {
  const content = Buffer.concat([Buffer.from([0x03]), Buffer.from(`${description}\u0000${value}`, "utf8")]);
  const frame = Buffer.concat([Buffer.from("TXXX", "latin1"), syncsafe(content.length), Buffer.from([0, 0]), content]);
  return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00]), syncsafe(frame.length), frame]);
}

/** ID3v2.4 sizes keep the top bit of every byte clear. */
function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}
