/** The OpenAI error envelope, the shape every OpenAI-dialect client parses. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export interface ErrorContext {
  model?: string;
  /** The bearer token the client sent, if any; used (masked) in 401 messages. */
  apiKey?: string;
  retryAfterSeconds?: string;
}

/**
 * The body real OpenAI sends for a status, so clients exercise the same parsing
 * (rate-limit type `requests`, masked key in 401s, `model_not_found` in 404s).
 */
export function errorBodyForStatus(status: number, context: ErrorContext = {}): OpenAIErrorBody {
  const model = context.model ?? "gpt-4o-mini";
  switch (status) {
    case 400:
      return openAIError("Invalid request (injected by the mock provider).", "invalid_request_error");
    case 401:
      return invalidApiKeyBody(context.apiKey);
    case 403:
      return openAIError(
        "Country, region, or territory not supported",
        "request_forbidden",
        "unsupported_country_region_territory",
      );
    case 404:
      return openAIError(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      );
    case 429:
      return openAIError(
        `Rate limit reached for ${model} in organization org-igrismock on requests per min (RPM): ` +
          `Limit 3, Used 3, Requested 1. Please try again in ${context.retryAfterSeconds ?? "20"}s. ` +
          "Visit https://platform.openai.com/account/rate-limits to learn more.",
        "requests",
        "rate_limit_exceeded",
      );
    case 500:
      return openAIError(
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
      );
    case 503:
      return openAIError("The engine is currently overloaded, please try again later", "server_error");
    default:
      return openAIError(
        `Mock provider answered with status ${status}.`,
        status >= 500 ? "server_error" : "invalid_request_error",
      );
  }
}

/** OpenAI's 401: the message names the key, masked, or says none was sent. */
export function invalidApiKeyBody(apiKey: string | undefined): OpenAIErrorBody {
  if (!apiKey) {
    return openAIError(
      "You didn't provide an API key. You need to provide your API key in an Authorization header " +
        "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). " +
        "You can obtain an API key from https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
    );
  }
  return openAIError(
    `Incorrect API key provided: ${maskApiKey(apiKey)}. ` +
      "You can find your API key at https://platform.openai.com/account/api-keys.",
    "invalid_request_error",
    "invalid_api_key",
  );
}

/**
 * Masks like OpenAI's own 401 messages (`sk-PMafP*****...E873`): a head of 8 for
 * real-length keys, 3 for short test keys, always the last 4; tiny keys are all stars.
 */
export function maskApiKey(key: string): string {
  const head = key.length >= 16 ? 8 : 3;
  const tail = 4;
  if (key.length <= head + tail) return "*".repeat(key.length);
  return key.slice(0, head) + "*".repeat(key.length - head - tail) + key.slice(-tail);
}

/** OpenAI's text for a body that is not JSON. */
export const MALFORMED_JSON_MESSAGE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using " +
  "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not " +
  "valid JSON. If you have trouble figuring out how to fix this, please contact us through our " +
  "help center at help.openai.com.)";

export function notFoundBody(method: string, path: string): OpenAIErrorBody {
  return openAIError(`Invalid URL (${method} ${path})`, "invalid_request_error", "not_found");
}
