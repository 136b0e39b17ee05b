/** The body every gateway error carries (OpenAI's shape, plus gateway fields such as `rule_id`). */
export interface IgrisErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    /** The policy rule that denied or limited the call, when one did. */
    rule_id?: string;
    [extra: string]: unknown;
  };
}

export interface IgrisErrorInit {
  /** HTTP status of the answer the error came from; null without one (network failure, abort) and for anything that went wrong inside a 200 stream. */
  status?: number | null;
  /** The parsed error body, or the raw text when it was not JSON. */
  response?: IgrisErrorBody | string | null;
  headers?: Headers | null;
  /** A code of the SDK's own when the body has none: `network_error`, `aborted`, `stream_incomplete`, … */
  code?: string | null;
  cause?: unknown;
}

/** Every error the SDK throws. */
export class IgrisError extends Error {
  // Written out, not taken from the class: minifiers rename classes in browser bundles.
  override name = "IgrisError";
  readonly status: number | null;
  readonly response: IgrisErrorBody | string | null;
  readonly headers: Headers | null;
  /** `error.type` of the body (`invalid_request_error`, `policy_denied`, …), or null. */
  readonly type: string | null;
  /** `error.code` of the body, else the SDK's own code, or null. */
  readonly code: string | null;
  /** `error.param` of the body: the field at fault, when the gateway named one. */
  readonly param: string | null;
  /** The gateway's `x-igris-request-id`, to find the call in the audit trail. */
  readonly requestId: string | null;

  constructor(message: string, init: IgrisErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status ?? null;
    this.response = init.response ?? null;
    this.headers = init.headers ?? null;
    const body = typeof this.response === "object" && this.response !== null ? this.response.error : undefined;
    this.type = typeof body?.type === "string" ? body.type : null;
    this.code = typeof body?.code === "string" ? body.code : (init.code ?? null);
    this.param = typeof body?.param === "string" ? body.param : null;
    this.requestId = this.headers?.get("x-igris-request-id") ?? null;
  }
}

/** 401: the API key is missing, unknown, revoked or expired. */
export class IgrisAuthError extends IgrisError {
  override name = "IgrisAuthError";
}

/** 403: a policy rule, the virtual key's model allowlist, a disabled key or the key's role refused the call. */
export class IgrisPolicyDeniedError extends IgrisError {
  override name = "IgrisPolicyDeniedError";
  /** The policy rule that denied the call, when a rule did. */
  get ruleId(): string | null {
    return ruleIdOf(this.response);
  }
}

/** 409: the record conflicts with an existing one (e.g. a virtual key slug that is taken). */
export class IgrisConflictError extends IgrisError {
  override name = "IgrisConflictError";
}

/** 400 or 422: the request is malformed or a field is invalid; `param` names the field when known. */
export class IgrisValidationError extends IgrisError {
  override name = "IgrisValidationError";
}

/** 429: a policy limit or the upstream provider's rate limit. */
export class IgrisRateLimitError extends IgrisError {
  override name = "IgrisRateLimitError";
  /** Seconds to wait before retrying, from `Retry-After`; null when the answer did not say. */
  readonly retryAfter: number | null;

  constructor(message: string, init: IgrisErrorInit = {}) {
    super(message, init);
    this.retryAfter = parseRetryAfter(init.headers?.get("retry-after") ?? null);
  }
  get ruleId(): string | null {
    return ruleIdOf(this.response);
  }
}

function ruleIdOf(response: IgrisErrorBody | string | null): string | null {
  const rule = typeof response === "object" && response !== null ? response.error.rule_id : undefined;
  return typeof rule === "string" ? rule : null;
}

/** `Retry-After` is either delta-seconds or an HTTP date; both become whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const BY_STATUS: Record<number, typeof IgrisError> = {
  // The data plane answers bad request bodies with 400 invalid_request_error, the admin API with 422.
  400: IgrisValidationError,
  401: IgrisAuthError,
  403: IgrisPolicyDeniedError,
  409: IgrisConflictError,
  422: IgrisValidationError,
  429: IgrisRateLimitError,
};

/** Reads `{ error: { … } }` out of an error answer's text; anything else stays the raw text. */
export function parseErrorBody(text: string): IgrisErrorBody | string | null {
  if (text === "") return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isErrorBody(parsed)) return parsed;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text.
  }
  return text;
}

export function isErrorBody(value: unknown): value is IgrisErrorBody {
  if (!value || typeof value !== "object") return false;
  const error = (value as { error?: unknown }).error;
  return !!error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string";
}

/** The typed error for a non-2xx answer. */
export function errorFromResponse(status: number, response: IgrisErrorBody | string | null, headers: Headers): IgrisError {
  const ErrorClass = BY_STATUS[status] ?? IgrisError;
  const detail = typeof response === "object" && response !== null ? response.error.message : typeof response === "string" && response.length <= 200 ? response : "";
  const message = detail ? `${status} ${detail}` : `${status} status code (no body)`;
  return new ErrorClass(message, { status, response, headers });
}

/** The typed error for an error event inside a 200 stream: typed by the error's `type`, as there is no status. */
export function errorFromStreamEvent(body: IgrisErrorBody, headers: Headers | null): IgrisError {
  const ErrorClass = body.error.type === "policy_denied" ? IgrisPolicyDeniedError : body.error.type === "rate_limit_error" ? IgrisRateLimitError : IgrisError;
  return new ErrorClass(`Stream error: ${body.error.message}`, { status: null, response: body, headers });
}
