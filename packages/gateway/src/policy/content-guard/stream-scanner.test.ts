import { describe, expect, it } from "vitest";
import { compileGuard, StreamScanner, type CompiledGuard, type Finding } from "./index.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const JWT = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: "1234567890" })}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
const PEM_BODY = "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\n";

/** Every detector's true positives, near misses that must stay, and text around them. */
const FRAGMENTS = [
  "john.doe@example.com", "a@b.co", "icon@2x.png", "@", ".", "-", " ", "\n", ", ", "1", "42", "555",
  "(555) 123-4567", "555-123-4567", "+44 20 7946 0958", "+1 ", "+", "4111 1111 1111 1111", "4111111111111111", "4111 1111 1111 1112",
  "378282246310005", "5555-5555-5555-4444", " 2024", "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "123-45-6789", "666-12-3456",
  "10.0.0.1", "1.2.3.4.5", "2001:db8::1", "::1", "fe80::", ":", "12:30:45", "::ffff:192.168.0.1",
  "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = ", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secret: ",
  "sk-proj-abcDEF1234567890abcdefGHIJKLMNOP1234", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "sk-", "xoxb-1234567890-abcdef", "AIzaSyA1234567890abcdefghijklmnopqrstuv",
  "-----BEGIN RSA PRIVATE KEY-----\n", PEM_BODY, "-----END RSA PRIVATE KEY-----", "-----BEGIN ", "-----", JWT, "eyJ",
  "confidential", "strictly-", "Project", " titan", "ACME-", "123456", "EMP12345", "😀", "é", "Ünïcödé", "word", "Word ", "x", "_", "=", '"',
];

const GUARD = compileGuard({
  detectors: ["pack:pii-default", "pack:secrets-default", "keyword:*confidential*", "keyword:project titan", "keyword:ünï*", "custom:acme", "custom:staff"],
  custom: { acme: String.raw`\bACME-\d{4,8}`, staff: String.raw`(?:EMP|CTR)\d{5}(?!\d)` },
});

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Streams `text` in pieces of 1..maxPiece characters; checks the hold-back bound on the way. */
function stream(guard: CompiledGuard, mode: "redact" | "detect", text: string, nextSize: () => number) {
  const scanner = new StreamScanner(guard, mode);
  let emitted = "";
  const findings: Finding[] = [];
  for (let at = 0; at < text.length; ) {
    const size = nextSize();
    const result = scanner.push(text.slice(at, at + size));
    at = Math.min(text.length, at + size);
    emitted += result.emit;
    findings.push(...result.findings);
    if (mode === "detect") expect(at - emitted.length).toBeLessThanOrEqual(guard.maxMatchLength);
  }
  const last = scanner.flush();
  return { emitted: emitted + last.emit, findings: [...findings, ...last.findings] };
}

describe("StreamScanner", () => {
  it("gives exactly the one-shot redaction and findings, however the text is split", () => {
    const random = seeded(20240611);
    for (let trial = 0; trial < 400; trial++) {
      let text = "";
      for (let n = 5 + Math.floor(random() * 60); n > 0; n--) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
      const maxPiece = 1 + Math.floor(random() * (trial % 4 === 0 ? 3 : 40));
      const nextSize = () => 1 + Math.floor(random() * maxPiece);
      const redacted = stream(GUARD, "redact", text, nextSize);
      expect(redacted.emitted).toBe(GUARD.redact(text).text);
      expect(redacted.findings).toEqual(GUARD.scan(text));
      const detected = stream(GUARD, "detect", text, nextSize);
      expect(detected.emitted).toBe(text);
      expect(detected.findings).toEqual(GUARD.scan(text));
    }
  });

  it("reports a finding in the push that makes it certain, with stream offsets", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["email"] }), "redact");
    expect(scanner.push("hello, write to me")).toEqual({ emit: "hello, write to ", findings: [] });
    expect(scanner.push("@example.co")).toEqual({ emit: "", findings: [] });
    expect(scanner.push("m soon")).toEqual({ emit: "[REDACTED:email] ", findings: [{ detector: "email", start: 16, end: 30 }] });
    expect(scanner.flush()).toEqual({ emit: "soon", findings: [] });
  });

  it("holds back only the word still arriving in ordinary prose", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["pack:pii-default", "pack:secrets-default"] }), "detect");
    const prose = "The quarterly report is attached; please summarise the revenue section before Friday. ".repeat(20);
    let emitted = 0;
    for (let at = 0; at < prose.length; at += 5) {
      emitted += scanner.push(prose.slice(at, at + 5)).emit.length;
      expect(Math.min(prose.length, at + 5) - emitted).toBeLessThan(16);
    }
  });

  it("holds a private key from its BEGIN line until its END line arrives", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["private_key"] }), "redact");
    const block = `-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY.repeat(3)}-----END EC PRIVATE KEY-----`;
    expect(scanner.push("here:\n-----BEGIN EC PRIVATE KEY-----\n").emit).toBe("here:\n");
    expect(scanner.push(PEM_BODY.repeat(3)).emit).toBe("");
    expect(scanner.push("-----END EC PRIVATE KEY-----\nthanks")).toEqual({
      emit: "[REDACTED:private_key]\nthanks",
      findings: [{ detector: "private_key", start: 6, end: 6 + block.length }],
    });
  });

  it("redacts a truncated private key to the end of the stream at flush", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["private_key"] }), "redact");
    expect(scanner.push("-----BEGIN PRIVATE KEY-----\nMIIE").emit).toBe("");
    expect(scanner.flush()).toEqual({ emit: "[REDACTED:private_key]", findings: [{ detector: "private_key", start: 0, end: 32 }] });
  });

  it("never splits a surrogate pair between two emits", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["email"] }), "detect");
    const first = scanner.push("ok \ud83d");
    expect(first.emit).toBe("ok ");
    expect(scanner.push("\ude00 fine").emit + scanner.flush().emit).toBe("😀 fine");
  });

  it("keeps up with thousands of tiny deltas over a large text", () => {
    const guard = compileGuard({ detectors: ["pack:pii-default", "pack:secrets-default"] });
    const text = `Reach me at ops@example.com or 555-123-4567; key AKIAIOSFODNN7EXAMPLE. ${"Lorem ipsum dolor sit amet, 42 consectetur. ".repeat(2300)}`;
    expect(text.length).toBeGreaterThan(100_000);
    const result = stream(guard, "redact", text, () => 3);
    expect(result.emitted).toBe(guard.redact(text).text);
    expect(result.findings.map((f) => f.detector)).toEqual(["email", "phone", "aws_access_key"]);
  });

  it("refuses pushes after flush and guards it did not compile", () => {
    const scanner = new StreamScanner(compileGuard({ detectors: ["email"] }), "redact");
    scanner.flush();
    expect(scanner.flush()).toEqual({ emit: "", findings: [] });
    expect(() => scanner.push("x")).toThrow(/after flush/);
    const fake = { detectors: [], maxMatchLength: 0, scan: () => [], redact: (text: string) => ({ text, counts: {} }) };
    expect(() => new StreamScanner(fake, "detect")).toThrow(/compileGuard/);
  });
});
