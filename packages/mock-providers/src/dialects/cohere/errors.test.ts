import { describe, expect, it } from "vitest";
import { cohereError, statusMessage } from "./errors.js";

describe("Cohere errors", () => {
  it("is an id and a message", () => {
    const reply = cohereError(429, statusMessage(429, undefined));
    expect(reply.kind === "json" && reply.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.stringContaining("limit") });
    expect(reply.kind === "json" && reply.status).toBe(429);
  });

  it("names the model in a 404, as Cohere does", () => {
    expect(statusMessage(404, "embed-x")).toMatch(/^model 'embed-x' not found/);
  });
});
