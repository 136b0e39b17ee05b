import { afterEach, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/harness.js";

const ask = [{ role: "user" as const, content: "hello" }];

/** Straight from the database, not through the writer: is the record committed yet? */
async function committed(t: TestGateway, id: string): Promise<boolean> {
  const page = await t.gateway.store.audit.page({ orgId: "org_default", limit: 1000 });
  return page.rows.some((r) => r.id === id);
}

describe("IGRIS_AUDIT_DURABILITY", () => {
  let t: TestGateway | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it("batch: the answer does not wait for its record", async () => {
    t = await startTestGateway({ auditFlushIntervalMs: 60_000 });
    const openai = t.client(await t.apiKey("batch"));
    const { response } = await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: ask }).withResponse();
    expect(await committed(t, response.headers.get("x-igris-request-id")!)).toBe(false);
  });

  it("sync: an answer, streamed or not, completes only after its record is committed", async () => {
    t = await startTestGateway({ auditFlushIntervalMs: 60_000, auditDurability: "sync" });
    const openai = t.client(await t.apiKey("sync"));
    const json = await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: ask }).withResponse();
    expect(await committed(t, json.response.headers.get("x-igris-request-id")!)).toBe(true);

    const stream = await openai.chat.completions.create({ model: "@demo/gpt-4o-mini", messages: ask, stream: true }).withResponse();
    let text = "";
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text.length).toBeGreaterThan(0);
    expect(await committed(t, stream.response.headers.get("x-igris-request-id")!)).toBe(true);

    const refused = await openai.chat.completions.create({ model: "@nope/m", messages: ask }).catch((e) => e);
    expect(refused.status).toBe(404);
    expect(await committed(t, refused.headers.get("x-igris-request-id"))).toBe(true);
  });
});
