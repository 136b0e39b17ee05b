import { describe, expect, it } from "vitest";
import { parseTargetKey, targetKey } from "./target-key.js";

describe("target keys", () => {
  it("round-trip, even for a model name with a bar in it", () => {
    const target = { orgId: "org_1", virtualKey: "openai-prod", provider: "openai", model: "ft:gpt-4o|team" };
    expect(targetKey(target)).toBe("org_1|openai-prod|openai|ft:gpt-4o|team");
    expect(parseTargetKey(targetKey(target))).toEqual(target);
  });

  it("refuse strings that are not target keys", () => {
    expect(parseTargetKey("org_1|vk|openai")).toBeNull();
    expect(parseTargetKey("|vk|openai|gpt-4o")).toBeNull();
  });
});
