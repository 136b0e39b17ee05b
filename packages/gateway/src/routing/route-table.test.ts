import { describe, expect, it } from "vitest";
import type { RouteRow } from "../store/index.js";
import { RouteTable } from "./route-table.js";

const row = (orgId: string, name: string, definition: unknown): RouteRow => ({
  id: `rt_${name}`,
  org_id: orgId,
  name,
  definition: typeof definition === "string" ? definition : JSON.stringify(definition),
  created_at: 1,
  updated_at: 1,
});
const fallback = { strategy: "fallback", targets: [{ virtualKey: "openai-prod" }] };

describe("the route table", () => {
  it("finds routes by organisation and name, and through attached virtual keys", () => {
    const table = RouteTable.build([row("org_1", "chat", fallback), row("org_2", "chat", { ...fallback, strategy: "cheapest" })], [{ org_id: "org_1", virtual_key: "app-key", route_name: "chat", updated_at: 1 }]);
    expect(table.route("org_1", "chat")).toEqual({ name: "chat", ...fallback });
    expect(table.route("org_2", "chat")?.strategy).toBe("cheapest");
    expect(table.route("org_3", "chat")).toBeUndefined();
    expect(table.routeForVirtualKey("org_1", "app-key")?.name).toBe("chat");
    expect(table.routeForVirtualKey("org_2", "app-key")).toBeUndefined();
    expect(RouteTable.empty().route("org_1", "chat")).toBeUndefined();
  });

  it("leaves out stored definitions that no longer validate, and says so", () => {
    const invalid: string[] = [];
    const table = RouteTable.build([row("org_1", "broken", { strategy: "random", targets: [] }), row("org_1", "garbled", "{"), row("org_1", "fine", fallback)], [], (r, reason) => invalid.push(`${r.name}: ${reason}`));
    expect(invalid).toEqual([expect.stringMatching(/^broken: /), "garbled: definition is not JSON"]);
    expect(table.route("org_1", "broken")).toBeUndefined();
    expect(table.route("org_1", "fine")).toBeDefined();
  });
});
