import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRecord, startTestGateway, type TestGateway } from "../testing/harness.js";
import { ask, callsTo, mockKey, postChat } from "../testing/routing-support.js";
import { MemoryIdempotencyStore } from "../routing/idempotency.js";

describe("idempotency", () => {
  let t: TestGateway;
  let apiKey: string;
  beforeAll(async () => {
    t = await startTestGateway();
    apiKey = await t.apiKey("rev");
    await mockKey(t, "plain");
    await mockKey(t, "limited", "status=429");
  });
  afterAll(async () => { await t?.close(); });

  it("the same Idempotency-Key with stream on instead of off is refused (422), never served the other shape", async () => {
    const key = randomUUID();
    const a = await postChat(t, apiKey, { model: "@plain/gpt-4o-mini", messages: ask("x") }, { "Idempotency-Key": key });
    const b = await postChat(t, apiKey, { model: "@plain/gpt-4o-mini", messages: ask("x"), stream: true }, { "Idempotency-Key": key });
    expect(b.status).toBe(422);
  });

  it("a provider's 429 releases the Idempotency-Key, so the retry calls again", async () => {
    const key = randomUUID();
    const a = await postChat(t, apiKey, { model: "@limited/gpt-4o-mini", messages: ask("y") }, { "Idempotency-Key": key });
    const b = await postChat(t, apiKey, { model: "@limited/gpt-4o-mini", messages: ask("y") }, { "Idempotency-Key": key });
    expect(callsTo(t, "limited")).toHaveLength(2);
  });

  it("an idempotency store failure after a 200 leaves the audit record as the 200 the client got", async () => {
    const orig = MemoryIdempotencyStore.prototype.complete;
    MemoryIdempotencyStore.prototype.complete = async () => { throw new Error("store down"); };
    try {
      const r = await postChat(t, apiKey, { model: "@plain/gpt-4o-mini", messages: ask("z") }, { "Idempotency-Key": randomUUID() });
      const rec = await auditRecord(t, r.headers.get("x-igris-request-id")!);
      expect(rec.status).toBe(200);
    } finally {
      MemoryIdempotencyStore.prototype.complete = orig;
    }
  });
});
