/** The OpenAI error body every endpoint answers with. */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null; [extra: string]: unknown };
}

/** An error that already knows the HTTP status and body it should become. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
    /** More fields for the error object, e.g. the `rule_id` of a policy denial. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "GatewayError";
  }

  toBody(): ErrorBody {
    const body = errorBody(this.message, this.type, this.code, this.param);
    Object.assign(body.error, this.extra);
    return body;
  }
}

export function errorBody(message: string, type: string, code: string | null = null, param: string | null = null): ErrorBody {
  return { error: { message, type, param, code } };
}

export const invalidRequest = (message: string, code: string | null = null, param: string | null = null) =>
  new GatewayError(400, "invalid_request_error", message, code, param);

export const unauthorized = (message = "Invalid or missing API key.") =>
  new GatewayError(401, "authentication_error", message, "invalid_api_key");

export const forbidden = (message: string, code: string) => new GatewayError(403, "permission_error", message, code);

export const notFound = (message: string, code = "not_found") => new GatewayError(404, "not_found_error", message, code);
