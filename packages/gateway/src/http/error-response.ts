import type { Logger } from "pino";
import { type ErrorBody, errorBody, GatewayError } from "../lib/errors.js";

/** Any thrown value as a status and an OpenAI error body; unexpected ones are logged, not shown. */
export function sendableError(err: unknown, log: Logger): { status: number; body: ErrorBody } {
  if (err instanceof GatewayError) return { status: err.status, body: err.toBody() };
  log.error({ err: (err as Error)?.message }, "unexpected error");
  return { status: 500, body: errorBody("Internal gateway error.", "api_error", "internal_error") };
}
