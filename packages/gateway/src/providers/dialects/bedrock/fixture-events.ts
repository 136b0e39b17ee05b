import { readFileSync } from "node:fs";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { wireFixture } from "../../../testing/fixtures.js";
import type { UpstreamEvent } from "../dialect.js";

/** Test support: the recorded Bedrock streams in the shapes the decoder and translator see. */

interface DecodedMessage {
  headers: Record<string, string>;
  payload: unknown;
}

/** A `pyd-*.eventstream.jsonl` fixture: one decoded message `{headers, payload}` per line, padding still in. */
export function decodedMessages(name: string): DecodedMessage[] {
  return readFileSync(wireFixture(`bedrock/${name}`), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DecodedMessage);
}

/** The same messages as the events the decoder would produce (without stripping `p`, to prove the translator ignores it). */
export function eventStreamFixtureEvents(name: string): UpstreamEvent[] {
  return decodedMessages(name).map(({ headers, payload }) => {
    const messageType = headers[":message-type"] ?? "event";
    const event = headers[messageType === "exception" ? ":exception-type" : ":event-type"] ?? null;
    return { event, messageType, data: payload };
  });
}

/** A `vercel-*.chunks.txt` fixture: each line is `{eventType: payload}`. */
export function vercelChunkEvents(name: string): UpstreamEvent[] {
  return readFileSync(wireFixture(`bedrock/${name}`), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [event, data] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0]!;
      return { event, messageType: "event", data };
    });
}

/** Re-encodes decoded messages as real event-stream frames (with CRCs), as Bedrock would send them. */
export function encodeMessages(messages: DecodedMessage[]): Uint8Array {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames = messages.map(({ headers, payload }) =>
    codec.encode({
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: "string" as const, value: v }])),
      body: fromUtf8(JSON.stringify(payload)),
    }),
  );
  return Buffer.concat(frames);
}

/** The verbatim binary response body of interaction `index` in a VCR cassette (`string: !!binary |`). */
export function cassetteBinaryBody(name: string, index = 0): Uint8Array {
  const lines = readFileSync(wireFixture(`bedrock/${name}`), "utf8").split("\n");
  const starts = lines.flatMap((line, i) => (line.trim() === "string: !!binary |" ? [i] : []));
  const start = starts[index];
  if (start === undefined) throw new Error(`no binary body #${index} in ${name}`);
  const base64: string[] = [];
  for (let i = start + 1; i < lines.length && /^\s{6,}[A-Za-z0-9+/=]+\s*$/.test(lines[i]!); i++) base64.push(lines[i]!.trim());
  return Buffer.from(base64.join(""), "base64");
}
