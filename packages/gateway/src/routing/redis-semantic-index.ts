import type { Redis } from "ioredis";
import { best, normalise, type SemanticIndex, type SemanticMatch } from "./semantic-index.js";

/**
 * The semantic index shared by gateway instances: one Redis list per partition of
 * `<expiresAt> <key> <base64 float32 vector>` lines, newest first, trimmed to `maxEntries`
 * and expiring with its newest entry. A lookup reads the list and compares in process.
 */
export class RedisSemanticIndex implements SemanticIndex {
  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string; maxEntries?: number; clock?: () => number } = {},
  ) {}

  private listKey(partition: string): string {
    return `${this.options.prefix ?? "igris:semantic:"}${partition}`;
  }

  async add(partition: string, vector: Float32Array, key: string, ttlSeconds: number, now = (this.options.clock ?? Date.now)()): Promise<void> {
    const unit = normalise(vector);
    const line = `${now + ttlSeconds * 1000} ${key} ${Buffer.from(unit.buffer, unit.byteOffset, unit.byteLength).toString("base64")}`;
    const list = this.listKey(partition);
    await this.redis
      .multi()
      .lpush(list, line)
      .ltrim(list, 0, (this.options.maxEntries ?? 2_000) - 1)
      .expire(list, ttlSeconds)
      .exec();
  }

  async nearest(partition: string, vector: Float32Array, threshold: number, now = (this.options.clock ?? Date.now)()): Promise<SemanticMatch | undefined> {
    const lines = await this.redis.lrange(this.listKey(partition), 0, -1);
    const entries = lines.flatMap((line) => {
      const [expires, key, data] = line.split(" ");
      if (!expires || !key || !data) return [];
      const bytes = Buffer.from(data, "base64");
      // A copy: a decoded Buffer may sit at an offset a Float32Array cannot start at.
      return [{ key, expiresAt: Number(expires), vector: new Float32Array(new Uint8Array(bytes).buffer) }];
    });
    return best(entries, normalise(vector), threshold, now);
  }

  async remove(partition: string, key: string): Promise<void> {
    const list = this.listKey(partition);
    for (const line of await this.redis.lrange(list, 0, -1)) if (line.split(" ")[1] === key) await this.redis.lrem(list, 0, line);
  }

  async close(): Promise<void> {}
}
