import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { type FileHandle, open, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { type DamagedLine, decodeSpoolLines, encodeSpoolLines, type SpoolEntry } from "./spool-line.js";

export type { SpoolEntry } from "./spool-line.js";

const SEGMENT_NAME = /^(\d{12})\.jsonl$/;
const LOCK_FILE = "LOCK";
/** A segment is read whole for replay: this bounds the memory a replay holds. */
export const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;

interface Segment {
  path: string;
  /** Damage other than a torn last line: the file is kept as `.damaged` for inspection once replayed. */
  damaged: boolean;
  /** Damage was already logged (on open, or when this process first read it). */
  checked: boolean;
}

interface Writing {
  segment: Segment;
  handle: FileHandle;
  /** Bytes appended and synced. */
  bytes: number;
}

interface Reading {
  segment: Segment;
  entries: SpoolEntry[];
  /** Entries before this one are in the database. */
  cursor: number;
}

export interface AuditSpoolOptions {
  maxSegmentBytes?: number;
}

/**
 * Audit records the database could not take, on local disk, in the order they were
 * linked into their chains: numbered append-only segment files of checksummed JSON lines.
 * Appends are fsynced once per call (one call per flush); a segment is deleted only
 * once every record in it is in the database. One process at a time (a LOCK file).
 */
export class AuditSpool {
  private writing: Writing | null = null;
  private reading: Reading | null = null;
  private closed = false;
  /** Appends (the writer's spill) and reads (its replay) may overlap: file work runs one at a time. */
  private lane: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly log: Logger,
    private readonly segments: Segment[],
    private count: number,
    private nextSeq: number,
    private readonly maxSegmentBytes: number,
  ) {}

  /** Opens (creating) the spool directory and counts what a previous run left in it. */
  static open(dir: string, log: Logger, options: AuditSpoolOptions = {}): AuditSpool {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    takeLock(dir);
    const segments: Segment[] = [];
    let count = 0;
    let lastSeq = 0;
    for (const name of readdirSync(dir).filter((n) => SEGMENT_NAME.test(n)).sort()) {
      const path = join(dir, name);
      const { entries, damaged } = decodeSpoolLines(readFileSync(path));
      reportDamage(log, path, damaged);
      lastSeq = Number(SEGMENT_NAME.exec(name)![1]);
      const isDamaged = damaged.some((d) => d.reason !== "torn");
      if (entries.length === 0) {
        // Nothing to replay (an empty file, or only a torn line): out of the way now.
        if (isDamaged) renameSync(path, `${path}.damaged`);
        else unlinkSync(path);
        continue;
      }
      segments.push({ path, damaged: isDamaged, checked: true });
      count += entries.length;
    }
    return new AuditSpool(dir, log, segments, count, lastSeq + 1, options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES);
  }

  /** Records on disk that are not yet in the database. */
  get records(): number {
    return this.count;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** Appends entries after everything already spooled; resolves once they are fsynced. */
  append(entries: readonly SpoolEntry[]): Promise<void> {
    return this.serial(() => this.appendNow(entries));
  }

  /** Up to `max` of the oldest entries not yet in the database, in order; [] when there are none. */
  peek(max: number): Promise<SpoolEntry[]> {
    return this.serial(() => this.peekNow(max));
  }

  /** The first `n` entries of the last peek are in the database; a segment whose entries all are is removed. */
  commit(n: number): Promise<void> {
    return this.serial(() => this.commitNow(n));
  }

  close(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.stopWriting();
      releaseLock(this.dir);
    });
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.lane.then(op, op);
    this.lane = run.catch(() => {});
    return run;
  }

  private async appendNow(entries: readonly SpoolEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const bytes = encodeSpoolLines(entries);
    const writing = this.writing ?? (await this.startSegment());
    try {
      await writing.handle.write(bytes, 0, bytes.length);
      await writing.handle.datasync();
    } catch (err) {
      // How much reached the file is unknown: the checksums sort that out when it is read
      // back; the caller keeps the entries and appends them again, to a new segment.
      await this.stopWriting();
      throw err;
    }
    writing.bytes += bytes.length;
    this.count += entries.length;
    if (this.reading?.segment === writing.segment) for (const entry of entries) this.reading.entries.push(entry);
    if (writing.bytes >= this.maxSegmentBytes) await this.stopWriting();
  }

  /** For records that arrive after close(): one synchronous segment of their own. */
  appendSync(entries: readonly SpoolEntry[]): void {
    if (entries.length === 0) return;
    const path = this.segmentPath(this.nextSeq++);
    const fd = openSync(path, "ax", 0o600);
    try {
      writeSync(fd, encodeSpoolLines(entries));
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    syncDirectorySync(this.dir);
    this.segments.push({ path, damaged: false, checked: true });
    this.count += entries.length;
  }

  private async peekNow(max: number): Promise<SpoolEntry[]> {
    for (;;) {
      const segment = this.segments[0];
      if (!segment) return [];
      const reading = await this.readingOf(segment);
      if (reading.cursor < reading.entries.length) return reading.entries.slice(reading.cursor, reading.cursor + max);
      if (this.writing?.segment === segment) return [];
      await this.retire(segment);
    }
  }

  private async commitNow(n: number): Promise<void> {
    const reading = this.reading;
    if (!reading || reading.cursor + n > reading.entries.length) throw new Error("audit spool: commit without a matching peek");
    reading.cursor += n;
    this.count -= n;
    if (reading.cursor === reading.entries.length) await this.retire(reading.segment);
  }

  private segmentPath(seq: number): string {
    return join(this.dir, `${String(seq).padStart(12, "0")}.jsonl`);
  }

  private async startSegment(): Promise<Writing> {
    const path = this.segmentPath(this.nextSeq++);
    const handle = await open(path, "ax", 0o600);
    try {
      // The new name must survive a crash along with the records fsynced into it.
      await syncDirectory(this.dir);
    } catch (err) {
      await handle.close().catch(() => {});
      await unlink(path).catch(() => {});
      throw err;
    }
    const segment: Segment = { path, damaged: false, checked: false };
    this.segments.push(segment);
    this.writing = { segment, handle, bytes: 0 };
    return this.writing;
  }

  private async stopWriting(): Promise<void> {
    const writing = this.writing;
    this.writing = null;
    await writing?.handle.close().catch((err: Error) => this.log.warn({ err: err.message, file: writing.segment.path }, "audit spool segment did not close cleanly"));
  }

  private async readingOf(segment: Segment): Promise<Reading> {
    if (this.reading?.segment === segment) return this.reading;
    let bytes = await readFile(segment.path);
    // A segment still being written is read up to what was appended and synced.
    if (this.writing?.segment === segment) bytes = bytes.subarray(0, this.writing.bytes);
    const { entries, damaged } = decodeSpoolLines(bytes);
    if (!segment.checked) {
      reportDamage(this.log, segment.path, damaged);
      segment.damaged = damaged.some((d) => d.reason !== "torn");
      segment.checked = true;
    }
    this.reading = { segment, entries, cursor: 0 };
    return this.reading;
  }

  private async retire(segment: Segment): Promise<void> {
    if (this.segments[0] !== segment) throw new Error("audit spool: segments must be retired oldest first");
    if (this.writing?.segment === segment) await this.stopWriting();
    if (this.reading?.segment === segment) this.reading = null;
    this.segments.shift();
    try {
      if (segment.damaged) {
        await rename(segment.path, `${segment.path}.damaged`);
        this.log.error({ file: `${segment.path}.damaged` }, "audit spool segment had damaged lines; replayed what could be read and kept the file for inspection");
      } else {
        await unlink(segment.path);
      }
    } catch (err) {
      // Left behind, it is replayed again on the next start; replay skips records already stored.
      this.log.warn({ err: (err as Error).message, file: segment.path }, "audit spool segment could not be removed");
    }
  }
}

function reportDamage(log: Logger, file: string, damaged: DamagedLine[]): void {
  for (const d of damaged) {
    if (d.reason === "torn") log.warn({ file, line: d.line }, "audit spool: skipping a torn last line (an append cut short by a crash; never acknowledged)");
    else log.error({ file, line: d.line, reason: d.reason }, "audit spool: skipping a damaged line");
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncDirectorySync(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Two processes appending to and deleting the same segments would lose records. */
function takeLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx", mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new Error(`the audit spool ${dir} is in use by process ${holder}; give each gateway its own IGRIS_DATA_DIR`);
    }
    // Left by a process that is gone (or by this one, restarted in a fresh pid namespace).
    unlinkSync(path);
  }
  throw new Error(`could not take the audit spool lock ${path}`);
}

function releaseLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  try {
    if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
