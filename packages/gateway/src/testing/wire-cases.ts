import { readdirSync, readFileSync } from "node:fs";
import type { UpstreamEvent } from "../providers/dialects/dialect.js";
import { EventStreamDecoder } from "../providers/dialects/bedrock/index.js";
import { SseDecoder } from "../providers/dialects/shared/sse-decoder.js";
import { WIRE_FIXTURES_DIR } from "./fixtures.js";

/** One recorded response, as the end-to-end fixture tests replay it. */
export interface WireCase {
  /** `<folder>/<file>`, e.g. `anthropic/vercel-anthropic-text.json`. */
  file: string;
  /** The mock directive name (the file without its extension). */
  fixture: string;
  folder: string;
  kind: "json" | "stream" | "error";
  /** What the recording is an answer to. */
  api: "chat" | "embeddings" | "other";
  meta: { api?: string; notes?: string; kind: string };
}

const RESPONSE_FILE = /(\.response\.(json|sse|eventstream\.jsonl)|\.chunks\.txt|\.sse|\.json|\.txt)$/;

function apiOf(folder: string, file: string, api: string | undefined): WireCase["api"] {
  const a = (api ?? "").toLowerCase();
  if (a.includes("embed") || a.includes("predict") || /embed/.test(file)) return "embeddings";
  if (a.includes("responses") || a.includes("completions (legacy)") || /responses-|completion-legacy/.test(file)) return "other";
  return "chat";
}

/** Every response fixture under the wire folder, with its sidecar's kind and api. */
export function wireCases(): WireCase[] {
  const cases: WireCase[] = [];
  for (const folder of readdirSync(WIRE_FIXTURES_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(`${WIRE_FIXTURES_DIR}/${folder.name}`).sort()) {
      if (file.endsWith(".meta.json") || file.endsWith(".request.json") || file.endsWith(".cassette.yaml") || !RESPONSE_FILE.test(file)) continue;
      const meta = readMeta(folder.name, file);
      if (!meta) continue;
      const fixture = file.replace(/\.(chunks\.txt|sse|json|txt|eventstream\.jsonl)$/, "");
      cases.push({ file: `${folder.name}/${file}`, fixture: `${folder.name}/${fixture}`, folder: folder.name, kind: meta.kind as WireCase["kind"], api: apiOf(folder.name, file, meta.api), meta });
    }
  }
  return cases;
}

function readMeta(folder: string, file: string): WireCase["meta"] | null {
  const base = file.replace(/(\.i\d+\.response)?\.(chunks\.txt|sse|json|txt|eventstream\.jsonl)$/, "").replace(/\.\d+$/, "").replace(/\.error$/, ".error");
  for (const candidate of [`${base}.meta.json`, `${file.replace(/\.[^.]+$/, "")}.meta.json`]) {
    try {
      return JSON.parse(readFileSync(`${WIRE_FIXTURES_DIR}/${folder}/${candidate}`, "utf8"));
    } catch {
      // try the next name
    }
  }
  return null;
}

export function fixtureText(c: WireCase): string {
  return readFileSync(`${WIRE_FIXTURES_DIR}/${c.file}`, "utf8");
}

/** The VCR cassette a `pyd-*` fixture was extracted from ("" for other sources). */
export function cassetteText(c: WireCase): string {
  const name = c.file.replace(/\.i\d+\.response\..*$/, ".cassette.yaml");
  try {
    return name === c.file ? "" : readFileSync(`${WIRE_FIXTURES_DIR}/${name}`, "utf8");
  } catch {
    return "";
  }
}

/** The events a stream fixture holds, however it was stored. */
export function fixtureEvents(c: WireCase): UpstreamEvent[] {
  const text = fixtureText(c);
  if (c.file.endsWith(".eventstream.jsonl")) {
    return lines(text).map((l) => {
      const m = JSON.parse(l) as { headers: Record<string, string>; payload: unknown };
      const exception = m.headers[":message-type"] === "exception";
      return { event: exception ? m.headers[":exception-type"]! : m.headers[":event-type"]!, messageType: m.headers[":message-type"] ?? "event", data: m.payload };
    });
  }
  if (c.file.endsWith(".chunks.txt")) {
    return lines(text).map((l) => {
      const data = JSON.parse(l) as Record<string, unknown>;
      if (c.folder === "bedrock") {
        const [event, payload] = Object.entries(data)[0]!;
        return { event, messageType: "event", data: payload };
      }
      return { event: typeof data.type === "string" ? data.type : null, data };
    });
  }
  const decoder = new SseDecoder();
  return [...decoder.push(Buffer.from(text)), ...decoder.end()];
}

/** Decodes an AWS event stream body (kept for tests that read the mock's bytes directly). */
export function decodeEventStream(bytes: Uint8Array): UpstreamEvent[] {
  const d = new EventStreamDecoder();
  return [...d.push(bytes), ...d.end()];
}

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
