import { describe, expect, it } from "vitest";
import { parseRouteModel } from "./route-model.js";

describe("route references in `model`", () => {
  it("name a route, with or without the model its targets should default to", () => {
    expect(parseRouteModel("@route:chat-prod")).toEqual({ route: "chat-prod", model: null });
    expect(parseRouteModel("@route:chat-prod/gpt-4o")).toEqual({ route: "chat-prod", model: "gpt-4o" });
    expect(parseRouteModel("@route:r/meta-llama/Llama-3.3-70B")).toEqual({ route: "r", model: "meta-llama/Llama-3.3-70B" });
  });

  it("are told apart from virtual key references and malformed names", () => {
    expect(parseRouteModel("@openai-prod/gpt-4o")).toBeNull();
    expect(parseRouteModel("gpt-4o")).toBeNull();
    expect(parseRouteModel("@route:")).toBeNull();
    expect(parseRouteModel("@route:Bad Name")).toBeNull();
    expect(parseRouteModel("@route:chat/")).toBeNull();
  });
});
