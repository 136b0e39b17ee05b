import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** The server the tests use: CI's Redis on 127.0.0.1:6379 without auth. */
export const TEST_REDIS_URL = process.env.IGRIS_TEST_REDIS_URL || "redis://127.0.0.1:6379";

export interface ScratchRedis {
  /** Every key a test writes starts with this, so runs sharing a server never see each other's counters. */
  prefix: string;
  /** A new connection, closed by `drop`. */
  connect(): Redis;
  /** Deletes every key under the prefix and closes the connections. */
  drop(): Promise<void>;
}

export function createScratchRedis(): ScratchRedis {
  const prefix = `igris:test:${randomBytes(6).toString("hex")}:`;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  return {
    prefix,
    connect,
    async drop() {
      const admin = connect();
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await Promise.all(clients.map((c) => (c.status === "end" ? undefined : c.quit().catch(() => c.disconnect()))));
    },
  };
}
