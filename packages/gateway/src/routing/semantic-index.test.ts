import { afterAll, describe, expect, it } from "vitest";
import { createScratchRedis } from "../limits/scratch-redis.js";
import { RedisSemanticIndex } from "./redis-semantic-index.js";
import { cosine, MemorySemanticIndex, normalise, type SemanticIndex } from "./semantic-index.js";

const scratch = createScratchRedis();
afterAll(() => scratch.drop());
let run = 0;

const v = (...xs: number[]) => Float32Array.from(xs);

describe("cosine over normalised vectors", () => {
  it("is 1 for the same direction, 0 for orthogonal, and ignores length", () => {
    expect(cosine(normalise(v(1, 2, 3)), normalise(v(2, 4, 6)))).toBeCloseTo(1, 6);
    expect(cosine(normalise(v(1, 0)), normalise(v(0, 5)))).toBeCloseTo(0, 6);
    expect(cosine(normalise(v(1, 0)), normalise(v(1, 0, 0)))).toBe(-1);
  });
});

const variants: Array<[string, (clock: () => number, max?: number) => SemanticIndex]> = [
  ["memory", (clock, max) => new MemorySemanticIndex(max, clock)],
  ["redis", (clock, max) => new RedisSemanticIndex(scratch.connect(), { prefix: `${scratch.prefix}${++run}:`, maxEntries: max, clock })],
];

describe.each(variants)("semantic index (%s)", (_name, open) => {
  it("finds the most similar prompt at or above the threshold, and nothing below it", async () => {
    const index = open(() => 1_000);
    await index.add("p", v(1, 0, 0), "capital-of-france", 60);
    await index.add("p", v(0, 1, 0), "a-joke", 60);
    const near = await index.nearest("p", v(0.98, 0.05, 0), 0.95);
    expect(near?.key).toBe("capital-of-france");
    expect(near!.similarity).toBeGreaterThan(0.99);
    expect(await index.nearest("p", v(0.7, 0.7, 0), 0.95)).toBeUndefined();
  });

  it("keeps partitions apart and forgets expired or removed entries", async () => {
    let now = 1_000;
    const index = open(() => now);
    await index.add("org-a", v(1, 0), "k1", 10);
    expect(await index.nearest("org-b", v(1, 0), 0.9)).toBeUndefined();
    expect((await index.nearest("org-a", v(1, 0), 0.9))?.key).toBe("k1");
    now += 11_000;
    expect(await index.nearest("org-a", v(1, 0), 0.9)).toBeUndefined();
    await index.add("org-a", v(0, 1), "k2", 60);
    await index.remove("org-a", "k2");
    expect(await index.nearest("org-a", v(0, 1), 0.9)).toBeUndefined();
  });

  it("holds at most maxEntries per partition, dropping the oldest", async () => {
    const index = open(() => 1_000, 2);
    await index.add("p", v(1, 0, 0), "oldest", 60);
    await index.add("p", v(0, 1, 0), "middle", 60);
    await index.add("p", v(0, 0, 1), "newest", 60);
    expect(await index.nearest("p", v(1, 0, 0), 0.9)).toBeUndefined();
    expect((await index.nearest("p", v(0, 0, 1), 0.9))?.key).toBe("newest");
  });
});
