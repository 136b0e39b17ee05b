import { randomBytes } from "node:crypto";
import pg from "pg";

/** The server the tests use: CI's PostgreSQL on 127.0.0.1:5432 with trust auth and a `test` database. */
export const TEST_POSTGRES_URL = process.env.IGRIS_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, dropped afterwards, so tests never see each other's rows. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `igris_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
