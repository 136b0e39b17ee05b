import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/harness.js";

describe("the routes admin API, end to end", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
    await t.virtualKey("primary");
    await t.virtualKey("backup");
    await t.virtualKey("app-key");
  });

  afterAll(async () => {
    await t?.close();
  });

  const route = {
    name: "chat-prod",
    strategy: "fallback",
    fallbackOn: [429, "5xx", "timeout"],
    retry: { attempts: 1, baseMs: 100 },
    timeouts: { firstByteMs: 30_000 },
    cache: { ttlSeconds: 300 },
    targets: [
      { virtualKey: "primary", model: "gpt-4o-mini" },
      { strategy: "loadbalance", targets: [{ virtualKey: "backup", model: "gpt-4o-mini", weight: 3 }, { virtualKey: "primary", model: "gpt-4o", weight: 1 }] },
    ],
  };

  it("creates, lists, reads, replaces and deletes a route", async () => {
    const created = await t.admin("POST", "/api/routes", route);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...route, virtualKeys: [] });
    expect((await t.admin("GET", "/api/routes")).body.data.map((r: any) => r.name)).toEqual(["chat-prod"]);
    expect((await t.admin("GET", "/api/routes/chat-prod")).body).toEqual(created.body);

    const replaced = await t.admin("PUT", "/api/routes/chat-prod", { ...created.body, strategy: "cheapest" });
    expect(replaced.status).toBe(200);
    expect((await t.admin("GET", "/api/routes/chat-prod")).body.strategy).toBe("cheapest");

    expect((await t.admin("DELETE", "/api/routes/chat-prod")).status).toBe(204);
    expect((await t.admin("GET", "/api/routes/chat-prod")).status).toBe(404);
  });

  it("answers 409 for a duplicate name and 422 naming the bad field or unknown virtual key", async () => {
    expect((await t.admin("POST", "/api/routes", { ...route, name: "dup" })).status).toBe(201);
    const dup = await t.admin("POST", "/api/routes", { ...route, name: "dup" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ type: "conflict_error", code: "route_exists" });

    const badWeight = await t.admin("POST", "/api/routes", { ...route, name: "bad", targets: [{ virtualKey: "primary", weight: "heavy" }] });
    expect(badWeight.status).toBe(422);
    expect(badWeight.body.error.param).toBe("targets.0.weight");

    const unknown = await t.admin("POST", "/api/routes", { ...route, name: "bad", targets: [{ strategy: "fallback", targets: [{ virtualKey: "nobody" }] }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "unknown_virtual_key", param: "targets.0.targets.0.virtualKey" });
  });

  it("attaches a virtual key to a route and keeps a route in use from being deleted", async () => {
    expect((await t.admin("POST", "/api/routes", { ...route, name: "attached" })).status).toBe(201);
    expect((await t.admin("PUT", "/api/routes/attached/virtual-keys/app-key")).body).toEqual({ route: "attached", virtualKey: "app-key" });
    expect((await t.admin("GET", "/api/routes/attached")).body.virtualKeys).toEqual(["app-key"]);
    expect((await t.admin("DELETE", "/api/routes/attached")).body.error.code).toBe("route_in_use");
    expect((await t.admin("DELETE", "/api/routes/attached/virtual-keys/app-key")).status).toBe(204);
    expect((await t.admin("DELETE", "/api/routes/attached")).status).toBe(204);
  });

  it("needs an admin key", async () => {
    const gatewayKey = await t.apiKey("not-admin");
    expect((await t.admin("GET", "/api/routes", undefined, gatewayKey)).status).toBe(403);
    expect((await t.admin("GET", "/api/routes", undefined, "wrong")).status).toBe(401);
  });
});
