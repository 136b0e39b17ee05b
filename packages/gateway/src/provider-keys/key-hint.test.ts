import { describe, expect, it } from "vitest";
import { keyHint } from "./key-hint.js";

describe("keyHint", () => {
  it("shows the last four characters of a long key", () => {
    expect(keyHint("sk-proj-0123456789abcd")).toBe("…abcd");
  });

  it("shows nothing of a short key", () => {
    expect(keyHint("short-key")).toBe("…");
    expect(keyHint("")).toBe("…");
  });
});
