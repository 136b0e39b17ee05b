import { readFile, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { StreamFraming } from "./dialects/dialect.js";
import { framingForFolder } from "./dialects/registry.js";
import { SSE_CONTENT_TYPE, joinEvents } from "./exchange.js";
import { splitSseEvents, trailingUsageEventIndex } from "./sse-events.js";

export { OPENAI_FRAMING } from "./dialects/openai/framing.js";

export interface StreamFixture {
  kind: "stream";
  name: string;
  file: string;
  status: number;
  contentType: string;
  /**
   * Complete events in the recording's own dialect framing: SSE text (ending with
   * `[DONE]` where that dialect sends it) or binary AWS event-stream messages.
   */
  events: readonly (string | Uint8Array)[];
  /** Index of the trailing `choices: []` usage event, or -1. */
  usageEventIndex: number;
  /** Pre-joined bodies so a replay without delays or faults is a single write. */
  bodyWithUsage: Buffer;
  bodyWithoutUsage: Buffer;
}

export interface JsonFixture {
  kind: "json";
  name: string;
  file: string;
  status: number;
  body: Buffer;
}

export type Fixture = StreamFixture | JsonFixture;

/** A fixture that cannot be served; `status` is what the mock answers with. */
export class FixtureError extends Error {
  override name = "FixtureError";
  constructor(
    message: string,
    readonly status: 400 | 500,
  ) {
    super(message);
  }
}

/** Tried in order after the exact name, so directives can omit the extension. */
export const FIXTURE_SUFFIXES = [".chunks.txt", ".sse", ".eventstream.jsonl", ".txt", ".json"] as const;

/** What a sidecar `.meta.json` says about its recording. */
interface Sidecar {
  http_status?: unknown;
  kind?: unknown;
  api?: unknown;
}

/** `<repo>/../shared/fixtures/wire`, found from this file so it works from src/ and dist/ alike. */
export function defaultFixturesDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.IGRIS_FIXTURES_DIR;
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL("../../../../shared/fixtures/wire", import.meta.url));
}

/**
 * The kind a file name alone tells; a raw `.txt` body (Firebase's Gemini recordings)
 * is a stream or JSON as its sidecar says, so it answers undefined here.
 */
export function fixtureKind(file: string): Fixture["kind"] | undefined {
  if (file.endsWith(".chunks.txt") || file.endsWith(".sse") || file.endsWith(".eventstream.jsonl")) return "stream";
  if (file.endsWith(".json")) return "json";
  return undefined;
}

/**
 * `x.chunks.txt` -> `x.meta.json`; numbered parts (`x.1.chunks.txt`) and error
 * variants (`x.error.json`) share `x.meta.json`.
 */
export function sidecarCandidates(file: string): string[] {
  const suffix = FIXTURE_SUFFIXES.find((s) => file.endsWith(s));
  if (!suffix) return [];
  const stem = file.slice(0, -suffix.length);
  const candidates = [`${stem}.meta.json`];
  const shared = stem.replace(/\.(\d+|error)$/, "");
  if (shared !== stem) candidates.push(`${shared}.meta.json`);
  return candidates;
}

/**
 * Loads fixtures on first use and keeps them in memory, since the mock is the
 * upstream in load benchmarks. Failures are cached too: the files are read-only.
 */
export class FixtureStore {
  private readonly cache = new Map<string, Promise<Fixture>>();

  /** `framingFor` picks the wire framing from the fixture's provider folder: by default, that provider's dialect. */
  constructor(
    readonly dir: string,
    private readonly framingFor: (folder: string) => StreamFraming = framingForFolder,
  ) {}

  load(name: string): Promise<Fixture> {
    let pending = this.cache.get(name);
    if (!pending) {
      pending = this.read(name);
      this.cache.set(name, pending);
    }
    return pending;
  }

  private async read(name: string): Promise<Fixture> {
    const base = this.pathFor(name);
    const tried: string[] = [];
    for (const file of [base, ...FIXTURE_SUFFIXES.map((s) => base + s)]) {
      tried.push(file);
      const text = await readIfFile(file);
      if (text === undefined) continue;
      const sidecar = await readSidecar(file);
      const kind = fixtureKind(file) ?? (file.endsWith(".txt") ? rawTextKind(sidecar) : undefined);
      if (!kind) {
        throw new FixtureError(`fixture "${name}" is ${file}, which is not one of ${FIXTURE_SUFFIXES.join(", ")}`, 400);
      }
      const status = recordedStatus(sidecar, kind, text);
      if (kind === "json") return { kind, name, file, status, body: Buffer.from(text) };
      const framing = this.framingFor(name.split("/")[0] ?? "");
      return streamFixture(name, file, status, ...this.frame(name, file, text, framing));
    }
    if (!(await isDirectory(this.dir))) {
      throw new FixtureError(
        `fixture "${name}" requested but the fixtures directory ${this.dir} does not exist ` +
          "(set IGRIS_FIXTURES_DIR or the fixturesDir option)",
        500,
      );
    }
    throw new FixtureError(`fixture "${name}" not found; tried ${tried.join(", ")}`, 500);
  }

  private frame(name: string, file: string, text: string, framing: StreamFraming): [string, Array<string | Uint8Array>] {
    if (file.endsWith(".chunks.txt")) return [framing.contentType, framing.frameChunkLines(text)];
    if (file.endsWith(".eventstream.jsonl")) {
      if (!framing.frameEventStreamJsonl) {
        throw new FixtureError(`fixture "${name}" is an AWS event stream, which only bedrock/ recordings can replay`, 400);
      }
      try {
        return [framing.contentType, framing.frameEventStreamJsonl(text)];
      } catch (error) {
        throw new FixtureError(`fixture "${name}" (${file}) is not a valid event-stream recording: ${(error as Error).message}`, 500);
      }
    }
    // `.sse` and raw `.txt` streams are wire text: sent verbatim, split so faults apply per event.
    return [SSE_CONTENT_TYPE, splitSseEvents(text)];
  }

  private pathFor(name: string): string {
    const file = resolve(this.dir, name);
    const inside = relative(this.dir, file);
    if (name === "" || name.includes("\0") || isAbsolute(name) || inside.startsWith(`..${sep}`) || inside === "..") {
      throw new FixtureError(`fixture name "${name}" must be <provider>/<name> inside the fixtures directory`, 400);
    }
    return file;
  }
}

function streamFixture(
  name: string,
  file: string,
  status: number,
  contentType: string,
  events: Array<string | Uint8Array>,
): StreamFixture {
  const usageEventIndex = trailingUsageEventIndex(events);
  const bodyWithUsage = Buffer.from(joinEvents(events));
  const bodyWithoutUsage = usageEventIndex === -1 ? bodyWithUsage : Buffer.from(joinEvents(events, usageEventIndex));
  return { kind: "stream", name, file, status, contentType, events, usageEventIndex, bodyWithUsage, bodyWithoutUsage };
}

function rawTextKind(sidecar: Sidecar | undefined): Fixture["kind"] {
  const api = typeof sidecar?.api === "string" ? sidecar.api : "";
  return sidecar?.kind === "stream" || /stream/i.test(api) ? "stream" : "json";
}

/**
 * The sidecar's `http_status`; without one, a recorded error body says its own
 * status when it carries a numeric `error.code` (Google's envelope), else 400, and
 * everything else, mid-stream errors included, was a 200.
 */
function recordedStatus(sidecar: Sidecar | undefined, kind: Fixture["kind"], text: string): number {
  const status = sidecar?.http_status;
  if (typeof status === "number" && Number.isInteger(status)) return status;
  if (sidecar?.kind !== "error" || kind !== "json") return 200;
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === "number" && Number.isInteger(code) && code >= 400 && code <= 599 ? code : 400;
  } catch {
    return 400;
  }
}

async function readSidecar(file: string): Promise<Sidecar | undefined> {
  for (const sidecar of sidecarCandidates(file)) {
    const text = await readIfFile(sidecar);
    if (text === undefined) continue;
    try {
      const meta: unknown = JSON.parse(text);
      return typeof meta === "object" && meta !== null ? (meta as Sidecar) : {};
    } catch {
      throw new FixtureError(`fixture sidecar ${sidecar} is not valid JSON`, 500);
    }
  }
  return undefined;
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return undefined;
    throw new FixtureError(`could not read fixture file ${file}: ${(error as Error).message}`, 500);
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
