import { describe, expect, it } from "vitest";
import { mapReasoning } from "./map-reasoning-effort.js";

describe("mapping reasoning_effort to Cohere thinking", () => {
  it("turns thinking off for none and minimal", () => {
    expect(mapReasoning("none", undefined)).toEqual({ type: "disabled" });
    expect(mapReasoning("minimal", undefined)).toEqual({ type: "disabled" });
  });
  it("gives low and medium a thinking budget and high none", () => {
    expect(mapReasoning("low", undefined)).toEqual({ type: "enabled", token_budget: 2048 });
    expect(mapReasoning("medium", undefined)).toEqual({ type: "enabled", token_budget: 8192 });
    expect(mapReasoning("high", undefined)).toEqual({ type: "enabled" });
    expect(mapReasoning("xhigh", undefined)).toEqual({ type: "enabled" });
  });
  it("passes Cohere's own thinking object on and leaves reasoning alone when neither is set", () => {
    expect(mapReasoning(undefined, { type: "enabled", token_budget: 500 })).toEqual({ type: "enabled", token_budget: 500 });
    expect(mapReasoning(undefined, undefined)).toBeUndefined();
  });
  it("refuses unknown efforts and both fields at once", () => {
    expect(() => mapReasoning("extreme", undefined)).toThrow(expect.objectContaining({ status: 400, param: "reasoning_effort" }));
    expect(() => mapReasoning("low", { type: "enabled" })).toThrow(expect.objectContaining({ status: 400, param: "thinking" }));
    expect(() => mapReasoning(undefined, "on")).toThrow(expect.objectContaining({ param: "thinking" }));
  });
  it("hands out a fresh object each time", () => {
    const first = mapReasoning("low", undefined)!;
    first.token_budget = 1;
    expect(mapReasoning("low", undefined)).toEqual({ type: "enabled", token_budget: 2048 });
  });
});
