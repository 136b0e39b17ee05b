import type { Context } from "hono";
import { z } from "zod";
import { GatewayError, invalidRequest } from "../lib/errors.js";

/** 422 naming the first bad field by its path, e.g. `models.2`. */
export function validationError(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".") || null;
  const message = path ? `${path}: ${issue?.message}` : (issue?.message ?? "Invalid input.");
  return new GatewayError(422, "invalid_request_error", message, "validation_error", path);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** A query-string time: ISO 8601 or epoch milliseconds, as epoch ms. */
export const instant = z.string().transform((v, ctx) => {
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 time or epoch milliseconds" });
    return z.NEVER;
  }
  return ms;
});

/** The JSON body of an admin request, or a 400 when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest("The request body is not valid JSON.", "invalid_json");
  }
}
