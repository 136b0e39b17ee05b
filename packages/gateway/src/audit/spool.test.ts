import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditSpool, type SpoolEntry } from "./spool.js";
import { decodeSpoolLines, encodeSpoolLine, encodeSpoolLines } from "./spool-line.js";

function entry(i: number, withContent = false): SpoolEntry {
  const id = `req_${String(i).padStart(6, "0")}`;
  return {
    record: { id, org_id: "org_default", created_at: 1_700_000_000_000 + i, endpoint: "chat.completions", status_code: 200, outcome: "success", latency_ms: 1, streamed: 0, user_id: "zoë ✓\nline" },
    content: withContent ? { record_id: id, org_id: "org_default", prompt: '[{"role":"user","content":"hi"}]', completion: "hello" } : null,
  };
}

function capture() {
  const lines: any[] = [];
  const log = pino({ level: "debug" }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { log, lines };
}

const segments = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort();

describe("spool lines", () => {
  it("round-trip records and contents, newlines and non-ASCII included", () => {
    const entries = [entry(1), entry(2, true)];
    const { entries: back, damaged } = decodeSpoolLines(encodeSpoolLines(entries));
    expect(damaged).toEqual([]);
    expect(back).toEqual(entries);
  });

  it("skip a line whose checksum does not match, and report a torn last line", () => {
    const good = encodeSpoolLine(entry(1));
    const altered = encodeSpoolLine(entry(2)).replace('"outcome":"success"', '"outcome":"denied!"');
    const torn = encodeSpoolLine(entry(3)).slice(0, 40);
    const { entries, damaged } = decodeSpoolLines(Buffer.from(good + altered + good.replace("req_000001", "req_000009") + torn));
    expect(entries.map((e) => e.record.id)).toEqual(["req_000001"]);
    expect(damaged).toEqual([
      { line: 2, reason: "checksum" },
      { line: 3, reason: "checksum" },
      { line: 4, reason: "torn" },
    ]);
  });

  it("keep a last line that lost only its newline: its checksum proves it whole", () => {
    const text = encodeSpoolLine(entry(1)) + encodeSpoolLine(entry(2)).trimEnd();
    expect(decodeSpoolLines(Buffer.from(text)).entries.map((e) => e.record.id)).toEqual(["req_000001", "req_000002"]);
  });
});

describe("the audit spool", () => {
  let dir: string;

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), "igris-spool-")), "audit-spool");
  });

  afterEach(() => {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  });

  it("gives entries back oldest first across segments, and removes a segment once all of it is committed", async () => {
    const { log } = capture();
    const spool = AuditSpool.open(dir, log, { maxSegmentBytes: 1000 });
    for (let i = 0; i < 30; i += 3) await spool.append([entry(i), entry(i + 1), entry(i + 2, true)]);
    expect(spool.records).toBe(30);
    expect(segments(dir).length).toBeGreaterThan(3);

    const seen: string[] = [];
    for (;;) {
      const batch = await spool.peek(4);
      if (batch.length === 0) break;
      seen.push(...batch.map((e) => e.record.id));
      await spool.commit(batch.length);
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => entry(i).record.id));
    expect(spool.records).toBe(0);
    expect(segments(dir)).toEqual([]);
    await spool.close();
  });

  it("keeps what is not committed across a restart, and appends after it in a new segment", async () => {
    const { log } = capture();
    const first = AuditSpool.open(dir, log);
    await first.append([entry(1), entry(2), entry(3)]);
    const peeked = await first.peek(10);
    expect(peeked).toHaveLength(3);
    await first.commit(1);
    await first.close();
    expect(existsSync(join(dir, "LOCK"))).toBe(false);

    // The segment is still there (not all of it was committed): all three come back, and
    // the id check on replay skips the one that was written.
    const second = AuditSpool.open(dir, log);
    expect(second.records).toBe(3);
    await second.append([entry(4)]);
    expect(segments(dir)).toEqual(["000000000001.jsonl", "000000000002.jsonl"]);
    const ids = [];
    for (let batch = await second.peek(2); batch.length > 0; batch = await second.peek(2)) {
      ids.push(...batch.map((e) => e.record.id));
      await second.commit(batch.length);
    }
    expect(ids).toEqual(["req_000001", "req_000002", "req_000003", "req_000004"]);
    await second.close();
  });

  it("skips a torn last line left by a crash, with a log line, and replays the rest", async () => {
    const { log, lines } = capture();
    const first = AuditSpool.open(dir, log);
    await first.append([entry(1), entry(2)]);
    await first.close();
    const [name] = segments(dir);
    appendFileSync(join(dir, name!), encodeSpoolLine(entry(3)).slice(0, 57));

    const second = AuditSpool.open(dir, log);
    expect(second.records).toBe(2);
    expect(lines.find((l) => /torn last line/.test(l.msg))).toMatchObject({ level: 40, line: 3 });
    const batch = await second.peek(10);
    expect(batch.map((e) => e.record.id)).toEqual(["req_000001", "req_000002"]);
    await second.commit(2);
    // A torn line was never acknowledged: nothing is kept for inspection.
    expect(readdirSync(dir).filter((n) => n !== "LOCK")).toEqual([]);
    await second.close();
  });

  it("keeps a segment with a damaged line as .damaged after replaying the readable lines", async () => {
    const { log, lines } = capture();
    const first = AuditSpool.open(dir, log);
    await first.append([entry(1), entry(2), entry(3)]);
    await first.close();
    const path = join(dir, segments(dir)[0]!);
    writeFileSync(path, readFileSync(path, "utf8").replace('"req_000002"', '"req_000666"'));

    const second = AuditSpool.open(dir, log);
    expect(lines.find((l) => /damaged line/.test(l.msg))).toMatchObject({ level: 50, line: 2, reason: "checksum" });
    const batch = await second.peek(10);
    expect(batch.map((e) => e.record.id)).toEqual(["req_000001", "req_000003"]);
    await second.commit(2);
    expect(readdirSync(dir).sort()).toEqual(["000000000001.jsonl.damaged", "LOCK"]);
    await second.close();
  });

  it("refuses a spool another live process holds, and takes over a stale lock", async () => {
    const { log } = capture();
    AuditSpool.open(dir, log);
    writeFileSync(join(dir, "LOCK"), String(process.ppid));
    expect(() => AuditSpool.open(dir, log)).toThrow(/in use by process/);
    writeFileSync(join(dir, "LOCK"), "4194300");
    const spool = AuditSpool.open(dir, log);
    expect(readFileSync(join(dir, "LOCK"), "utf8")).toBe(String(process.pid));
    await spool.close();
  });

  it("lets an append and a replay overlap without removing a segment that is still being written", async () => {
    const { log } = capture();
    const spool = AuditSpool.open(dir, log);
    await spool.append([entry(1)]);
    const batch = await spool.peek(10);
    const appending = spool.append([entry(2)]);
    await spool.commit(batch.length);
    await appending;
    expect(spool.records).toBe(1);
    expect((await spool.peek(10)).map((e) => e.record.id)).toEqual(["req_000002"]);
    await spool.close();
  });

  it("writes stragglers synchronously, after what is already spooled", async () => {
    const { log } = capture();
    const spool = AuditSpool.open(dir, log);
    await spool.append([entry(1)]);
    spool.appendSync([entry(2)]);
    await spool.close();
    const again = AuditSpool.open(dir, log);
    expect((await again.peek(10)).map((e) => e.record.id)).toEqual(["req_000001"]);
    await again.commit(1);
    expect((await again.peek(10)).map((e) => e.record.id)).toEqual(["req_000002"]);
    await again.close();
  });
});
