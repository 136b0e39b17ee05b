import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

export interface Connection {
  db: Kysely<Database>;
  /** The raw SQLite handle, for the one hot write (the audit batch) that skips the query builder. */
  sqlite: SQLite.Database | null;
  dialect: DialectName;
  /** Where the data lives, without credentials, for /health and logs. */
  location: string;
}

// int8 (bigint) arrives as a string from pg by default; every bigint here is an epoch ms
// or a micro-USD amount, both far below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable url)";
  }
}

export function connect(options: { databaseUrl?: string | undefined; dataDir: string }): Connection {
  if (isPostgresUrl(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, types: pgTypes, max: 10 });
    // A client losing its server must not crash the process, idle or checked out: the
    // next query on it fails, and callers handle that.
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      sqlite: null,
      dialect: "postgres",
      location: redactUrl(options.databaseUrl),
    };
  }
  if (options.databaseUrl) throw new Error("IGRIS_DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)");
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, "igris.db");
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: every committed audit batch is on disk before we report it written.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), sqlite, dialect: "sqlite", location: file };
}
