import { existsSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { type ControlledTransaction, Kysely, SqliteDialect, type Transaction } from "kysely";
import type { DialectName } from "../store/connect.js";
import type { Database } from "../store/index.js";

/**
 * What a read job gets: the typed query builder over either database. Jobs are written
 * once against it and run unchanged in the SQLite query worker (over the worker's own
 * read-only connection) and on the main thread over the PostgreSQL pool.
 */
export interface QueryContext {
  db: Kysely<Database>;
  dialect: DialectName;
}

/** A read job answering once. Params and result cross a thread boundary: structured-cloneable values only. */
export type QueryJob<P = any, R = any> = (ctx: QueryContext, params: P) => Promise<R>;

/** A read job answering in chunks (an export). The consumer's pace bounds how far it runs ahead. */
export type StreamJob<P = any, C = any> = (ctx: QueryContext, params: P) => AsyncIterable<C>;

/** The embedded database's file in a data dir (the one store/connect.ts opens). */
export function sqliteFile(dataDir: string): string {
  return join(dataDir, "igris.db");
}

/**
 * A read-only connection of its own to the SQLite file. In WAL mode it reads alongside
 * the gateway's writer without blocking it; it can never write, so a job cannot either.
 */
export function openReadOnlySqlite(file: string): QueryContext & { close(): Promise<void> } {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * A read transaction seeing one snapshot of the database for the whole job, so records
 * the writer commits meanwhile (and the chain heads it moves with them) never show half
 * way. SQLite's deferred `begin` takes its WAL snapshot at the first read; PostgreSQL
 * needs repeatable read.
 */
export function readSnapshot<T>(ctx: QueryContext, job: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(job);
}

/** The same snapshot for a generator job, which cannot run inside a callback: roll it back when done. */
export function startReadSnapshot(ctx: QueryContext): Promise<ControlledTransaction<Database>> {
  return ctx.db.startTransaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute();
}
