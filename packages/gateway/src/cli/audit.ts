import { createWriteStream, renameSync, rmSync } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { ExportParams } from "../audit/export-options.js";
import { openReadOnlySqlite, sqliteFile } from "../audit/query-context.js";
import { InProcessQueries } from "../audit/query-runner.js";
import type { VerifyResult } from "../audit/verify-result.js";
import { type GatewayConfig, loadConfig } from "../config.js";
import { DEFAULT_ORG_ID } from "../gateway.js";
import { connect, isPostgresUrl } from "../store/connect.js";

export const AUDIT_USAGE = `igris audit — check and export the audit trail, straight from the database (no server needed)

Usage:
  igris audit verify [--json]
      Checks every record against its hash chain. Exit 0 intact, 1 tampered, 2 could not check.
  igris audit export [--format jsonl|csv] [--from TIME] [--to TIME] [--out FILE] [--org ID]
      Writes the records of one organisation (default ${DEFAULT_ORG_ID}) created in [from, to),
      oldest first, ending with the chain heads; to stdout unless --out. TIME is ISO 8601 or epoch ms.

Reads IGRIS_DATA_DIR or IGRIS_DATABASE_URL, like igris start (see docs/audit.md).`;

interface Io {
  stdout: Writable;
  stderr: Writable;
}

class UsageError extends Error {}

/** `igris audit …`: resolves to the process exit code. */
export async function auditCommand(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = process): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === "verify") return await verifyCommand(rest, loadConfig(env), io);
    if (sub === "export") return await exportCommand(rest, loadConfig(env), io);
    if (sub === "help" || sub === "--help" || sub === "-h") {
      io.stdout.write(`${AUDIT_USAGE}\n`);
      return 0;
    }
    throw new UsageError(sub === undefined ? "missing subcommand" : `unknown subcommand "${sub}"`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`igris audit: ${err.message}\n\n${AUDIT_USAGE}\n`);
      return 2;
    }
    io.stderr.write(`igris audit: ${(err as Error).message}\n`);
    return sub === "export" ? 1 : 2;
  }
}

function flags<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function verifyCommand(args: string[], config: GatewayConfig, io: Io): Promise<number> {
  const { json } = flags(args, { json: { type: "boolean", default: false } });
  const { runner, close, location } = openDirect(config);
  let result: VerifyResult;
  try {
    result = await runner.verify();
  } finally {
    await close();
  }
  io.stdout.write(json ? `${JSON.stringify(result)}\n` : `${summary(result, location)}\n`);
  return result.status === "intact" ? 0 : 1;
}

function summary(result: VerifyResult, location: string): string {
  if (result.status === "intact") {
    return `Audit trail intact: ${result.checked} records in ${result.chains} chain${result.chains === 1 ? "" : "s"} verified (${location}).`;
  }
  const where = [result.chainId && `chain ${result.chainId}`, result.seq !== null && `seq ${result.seq}`, result.recordId && `record ${result.recordId}`].filter(Boolean).join(", ");
  return `Audit trail TAMPERED — ${result.kind}${where ? ` at ${where}` : ""}: ${result.message}. (${result.checked} records verified before it; ${location}.)`;
}

async function exportCommand(args: string[], config: GatewayConfig, io: Io): Promise<number> {
  const values = flags(args, { format: { type: "string" }, from: { type: "string" }, to: { type: "string" }, out: { type: "string" }, org: { type: "string" } });
  const parsed = ExportParams.safeParse({ format: values.format, from: values.from, to: values.to });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join(".") || "format"}: ${issue?.message ?? "invalid"}`);
  }
  const { format, from, to } = parsed.data;
  const { runner, close } = openDirect(config);
  try {
    const chunks = Readable.from(runner.exportChunks({ format, orgId: values.org ?? DEFAULT_ORG_ID, fromMs: from, toMs: to }));
    if (!values.out) {
      await pipeline(chunks, io.stdout, { end: false });
      return 0;
    }
    // Written beside the target and renamed when complete: a failed export leaves no file that looks whole.
    const partial = `${values.out}.partial`;
    try {
      await pipeline(chunks, createWriteStream(partial, { mode: 0o600 }));
      renameSync(partial, values.out);
    } catch (err) {
      rmSync(partial, { force: true });
      throw err;
    }
    io.stderr.write(`igris audit: exported to ${values.out}\n`);
    return 0;
  } finally {
    await close();
  }
}

/** The database the gateway would use, opened for reading only (SQLite) or through a small pool (PostgreSQL). */
function openDirect(config: GatewayConfig): { runner: InProcessQueries; close(): Promise<void>; location: string } {
  if (config.databaseUrl !== undefined) {
    if (!isPostgresUrl(config.databaseUrl)) throw new UsageError("IGRIS_DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)");
    const connection = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    return { runner: new InProcessQueries({ db: connection.db, dialect: "postgres" }), close: () => connection.db.destroy(), location: connection.location };
  }
  const file = sqliteFile(config.dataDir);
  const ctx = openReadOnlySqlite(file);
  return { runner: new InProcessQueries(ctx), close: ctx.close, location: file };
}
