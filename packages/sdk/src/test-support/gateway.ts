import { Igris } from "../client.js";
import type { AuditRecord } from "../types/admin.js";
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from "../../../gateway/src/testing/harness.js";

export { TEST_ADMIN_KEY, type TestGateway };

/** A test gateway with an SDK client for its admin key and one for a fresh data-plane key. */
export async function startSdkGateway(): Promise<{ t: TestGateway; admin: Igris; igris: Igris; appKey: string }> {
  const t = await startTestGateway();
  const appKey = await t.apiKey("sdk-e2e");
  return { t, appKey, admin: new Igris({ apiKey: TEST_ADMIN_KEY, baseUrl: t.url }), igris: new Igris({ apiKey: appKey, baseUrl: t.url }) };
}

/** Waits for the audit records of `user` (they are written in batches) through the SDK's own audit helper. */
export async function auditFor(t: TestGateway, admin: Igris, user: string, count = 1): Promise<AuditRecord[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await t.gateway.audit.flush();
    const page = await admin.audit.list({ user, limit: 100 });
    if (page.data.length >= count) return page.data;
    if (Date.now() > deadline) throw new Error(`expected ${count} audit records for ${user}, found ${page.data.length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
