import { type ErrorBody, errorBody } from "../../../lib/errors.js";
import type { StreamError } from "../dialect.js";
import { asObject, asString } from "./json-values.js";

/** 403 messages that mean "who are you?" rather than "you may not": bad keys, bad signatures, expired tokens. */
const AUTHENTICATION_FAILURE = /security token|signature|credential|api key|bearer|authori[sz]ation header|expired|unrecognized ?client/i;

/**
 * A Bedrock error answer → an OpenAI error body. Bedrock puts the error's name in the
 * `x-amzn-errortype` header, which does not reach this function; the body holds only
 * `{message}` (or `{Message}`), so the type is read from the status.
 */
export function bedrockError(status: number, bodyText: string): ErrorBody {
  const parsed = parseJson(bodyText);
  const message = asString(parsed?.message) ?? asString(parsed?.Message) ?? (bodyText.trim().slice(0, 1000) || `Amazon Bedrock answered HTTP ${status}.`);
  return errorBody(message, typeForStatus(status, message), errorCode(parsed));
}

function typeForStatus(status: number, message: string): string {
  if (status === 400 || status === 413 || status === 422) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return AUTHENTICATION_FAILURE.test(message) ? "authentication_error" : "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status === 503) return "overloaded_error";
  return "api_error";
}

/** Some AWS front ends add `__type` ("…#ValidationException" or "ValidationException:http://…"). */
function errorCode(parsed: Record<string, unknown> | undefined): string | null {
  const raw = asString(parsed?.__type) ?? asString(parsed?.code) ?? asString(parsed?.Code);
  if (!raw) return null;
  return raw.split("#").pop()!.split(":")[0]! || null;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const STREAM_EXCEPTION_TYPES: Record<string, string> = {
  throttlingException: "rate_limit_error",
  validationException: "invalid_request_error",
  serviceUnavailableException: "overloaded_error",
  modelStreamErrorException: "api_error",
  internalServerException: "api_error",
};

/** An exception message inside a 200 event stream (e.g. `throttlingException`) → the stream's final error. */
export function streamException(name: string | null, data: unknown): StreamError {
  const payload = asObject(data);
  const code = name ?? "exception";
  const message = asString(payload?.message) ?? asString(payload?.Message) ?? `Amazon Bedrock ended the stream with ${code}.`;
  const lower = code.charAt(0).toLowerCase() + code.slice(1);
  return { message, type: STREAM_EXCEPTION_TYPES[lower] ?? "api_error", code };
}
