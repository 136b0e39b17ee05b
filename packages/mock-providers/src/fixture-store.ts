import { readFile, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { frameChunkLines, splitSseEvents, trailingUsageEventIndex } from "./sse-events.js";

export interface StreamFixture {
  kind: "stream";
  name: string;
  file: string;
  status: number;
  /** Complete SSE events, framing included, ending with `[DONE]` when the recording did. */
  events: readonly string[];
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
export const FIXTURE_SUFFIXES = [".chunks.txt", ".sse", ".json"] as const;

/** `<repo>/../shared/fixtures/wire`, found from this file so it works from src/ and dist/ alike. */
export function defaultFixturesDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.IGRIS_FIXTURES_DIR;
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL("../../../../shared/fixtures/wire", import.meta.url));
}

export function fixtureKind(file: string): Fixture["kind"] | undefined {
  if (file.endsWith(".chunks.txt") || file.endsWith(".sse")) return "stream";
  if (file.endsWith(".json")) return "json";
  return undefined;
}

/** `x.chunks.txt` -> `x.meta.json`; numbered parts (`x.1.chunks.txt`) share `x.meta.json`. */
export function sidecarCandidates(file: string): string[] {
  const suffix = FIXTURE_SUFFIXES.find((s) => file.endsWith(s));
  if (!suffix) return [];
  const stem = file.slice(0, -suffix.length);
  const candidates = [`${stem}.meta.json`];
  const unnumbered = stem.replace(/\.\d+$/, "");
  if (unnumbered !== stem) candidates.push(`${unnumbered}.meta.json`);
  return candidates;
}

/**
 * Loads fixtures on first use and keeps them in memory, since the mock is the
 * upstream in load benchmarks. Failures are cached too: the files are read-only.
 */
export class FixtureStore {
  private readonly cache = new Map<string, Promise<Fixture>>();

  constructor(readonly dir: string) {}

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
      const kind = fixtureKind(file);
      if (!kind) {
        throw new FixtureError(`fixture "${name}" is ${file}, which is not .chunks.txt, .sse or .json`, 400);
      }
      const status = await recordedStatus(file);
      return kind === "json"
        ? { kind, name, file, status, body: Buffer.from(text) }
        : streamFixture(name, file, status, file.endsWith(".sse") ? splitSseEvents(text) : frameChunkLines(text));
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

  private pathFor(name: string): string {
    const file = resolve(this.dir, name);
    const inside = relative(this.dir, file);
    if (name === "" || name.includes("\0") || isAbsolute(name) || inside.startsWith(`..${sep}`) || inside === "..") {
      throw new FixtureError(`fixture name "${name}" must be <provider>/<name> inside the fixtures directory`, 400);
    }
    return file;
  }
}

function streamFixture(name: string, file: string, status: number, events: string[]): StreamFixture {
  const usageEventIndex = trailingUsageEventIndex(events);
  const bodyWithUsage = Buffer.from(events.join(""));
  const bodyWithoutUsage =
    usageEventIndex === -1 ? bodyWithUsage : Buffer.from(events.filter((_, i) => i !== usageEventIndex).join(""));
  return { kind: "stream", name, file, status, events, usageEventIndex, bodyWithUsage, bodyWithoutUsage };
}

async function recordedStatus(file: string): Promise<number> {
  for (const sidecar of sidecarCandidates(file)) {
    const text = await readIfFile(sidecar);
    if (text === undefined) continue;
    let meta: unknown;
    try {
      meta = JSON.parse(text);
    } catch {
      throw new FixtureError(`fixture sidecar ${sidecar} is not valid JSON`, 500);
    }
    const status = (meta as { http_status?: unknown } | null)?.http_status;
    return typeof status === "number" && Number.isInteger(status) ? status : 200;
  }
  return 200;
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
