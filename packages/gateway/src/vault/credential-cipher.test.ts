import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CredentialCipher } from "./credential-cipher.js";

const key = (version: string) => ({ version, key: randomBytes(32) });

describe("sealing provider credentials", () => {
  it("round-trips and never stores the plaintext", () => {
    const cipher = new CredentialCipher(key("v1"));
    const sealed = cipher.seal("sk-live-abc", "vk_1");
    expect(sealed.keyVersion).toBe("v1");
    expect(Buffer.from(sealed.ciphertext, "base64").toString("latin1")).not.toContain("sk-live-abc");
    expect(cipher.open(sealed, "vk_1")).toBe("sk-live-abc");
    expect(cipher.seal("sk-live-abc", "vk_1").ciphertext).not.toBe(sealed.ciphertext);
  });

  it("refuses a ciphertext moved onto another record", () => {
    const cipher = new CredentialCipher(key("v1"));
    const sealed = cipher.seal("sk-live-abc", "vk_1");
    expect(() => cipher.open(sealed, "vk_2")).toThrow();
  });

  it("refuses a tampered ciphertext and an unknown key version", () => {
    const cipher = new CredentialCipher(key("v1"));
    const sealed = cipher.seal("sk-live-abc", "vk_1");
    const raw = Buffer.from(sealed.ciphertext, "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.open({ ...sealed, ciphertext: raw.toString("base64") }, "vk_1")).toThrow();
    expect(() => cipher.open({ ...sealed, keyVersion: "v9" }, "vk_1")).toThrow(/no master key/);
  });

  it("opens credentials sealed with an older master key it was given", () => {
    const old = key("v1");
    const sealed = new CredentialCipher(old).seal("sk-old", "vk_1");
    const rotated = new CredentialCipher(key("v2"), [old]);
    expect(rotated.open(sealed, "vk_1")).toBe("sk-old");
    expect(rotated.seal("sk-new", "vk_1").keyVersion).toBe("v2");
  });
});
