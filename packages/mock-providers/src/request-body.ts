import { createHash } from "node:crypto";

/** An uploaded file as the mock keeps it: what a test needs to assert it arrived intact. */
export interface UploadedFile {
  filename: string;
  type: string;
  size: number;
  sha256: string;
}

export interface FormBody {
  kind: "form";
  /** Text fields; a name sent more than once (`timestamp_granularities[]`) keeps every value. */
  fields: Record<string, string | string[]>;
  files: Record<string, UploadedFile>;
}

export type ParsedBody = { kind: "json"; value: unknown } | FormBody | { kind: "invalid"; reason: string };

export interface ReadBody {
  parsed: ParsedBody;
  /** What the request log keeps: parsed JSON, the form's fields and files, or the raw text. */
  logged: unknown;
}

/**
 * Parses JSON, or multipart/form-data when the content type says so. The platform's
 * own multipart parser (`Response#formData`) does the work, so uploads are read the
 * way any fetch-based server would read them.
 */
export async function parseRequestBody(raw: Buffer, contentType: string | undefined): Promise<ReadBody> {
  if (contentType && /^multipart\/form-data\b/i.test(contentType)) {
    try {
      const form = await readForm(raw, contentType);
      return { parsed: form, logged: { ...form.fields, ...form.files } };
    } catch (error) {
      const reason = `malformed multipart body: ${(error as Error).message}`;
      return { parsed: { kind: "invalid", reason }, logged: raw.toString("utf8") };
    }
  }
  const text = raw.toString("utf8");
  try {
    const value: unknown = JSON.parse(text);
    return { parsed: { kind: "json", value }, logged: value };
  } catch {
    return { parsed: { kind: "invalid", reason: "the body is not JSON" }, logged: text };
  }
}

async function readForm(raw: Buffer, contentType: string): Promise<FormBody> {
  const data = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const fields: Record<string, string | string[]> = {};
  const files: Record<string, UploadedFile> = {};
  for (const [name, value] of data) {
    if (typeof value !== "string") {
      const bytes = Buffer.from(await value.arrayBuffer());
      files[name] = {
        filename: value.name,
        type: value.type,
        size: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
      continue;
    }
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return { kind: "form", fields, files };
}
