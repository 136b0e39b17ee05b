import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseRequestBody } from "./request-body.js";

async function multipart(form: FormData): Promise<{ raw: Buffer; contentType: string }> {
  const request = new Request("http://mock.test/", { method: "POST", body: form });
  return { raw: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("parseRequestBody", () => {
  it("parses JSON and logs the parsed value", async () => {
    const body = await parseRequestBody(Buffer.from('{"model":"m"}'), "application/json");
    expect(body).toEqual({ parsed: { kind: "json", value: { model: "m" } }, logged: { model: "m" } });
  });

  it("keeps the raw text of a body that is not JSON", async () => {
    const body = await parseRequestBody(Buffer.from("{nope"), undefined);
    expect(body.parsed.kind).toBe("invalid");
    expect(body.logged).toBe("{nope");
  });

  it("reads a multipart upload: fields, repeated fields and files by size and digest", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    form.append("timestamp_granularities[]", "word");
    form.append("timestamp_granularities[]", "segment");
    const bytes = Buffer.from("RIFF....WAVE");
    form.append("file", new Blob([bytes], { type: "audio/wav" }), "a.wav");
    const { raw, contentType } = await multipart(form);
    const body = await parseRequestBody(raw, contentType);
    const file = { filename: "a.wav", type: "audio/wav", size: 12, sha256: createHash("sha256").update(bytes).digest("hex") };
    expect(body.parsed).toEqual({
      kind: "form",
      fields: { model: "whisper-1", "timestamp_granularities[]": ["word", "segment"] },
      files: { file },
    });
    expect(body.logged).toEqual({ model: "whisper-1", "timestamp_granularities[]": ["word", "segment"], file });
  });

  it("reports a multipart body it cannot parse", async () => {
    const body = await parseRequestBody(Buffer.from("garbage"), "multipart/form-data; boundary=xyz");
    expect(body.parsed).toMatchObject({ kind: "invalid", reason: expect.stringContaining("multipart") });
  });
});
