import { type Reply, jsonReply } from "../dialect.js";

/**
 * Bedrock's error shape: `{message}` in the body and the exception name in the
 * `x-amzn-errortype` header, which AWS SDKs read to pick the exception class.
 */
export function bedrockError(status: number, errorType: string, message: string): Reply {
  return jsonReply({ message }, status, { "x-amzn-errortype": errorType });
}

/** The exception and message Bedrock Runtime documents for each status. */
const BY_STATUS: Readonly<Record<number, readonly [string, string]>> = {
  400: ["ValidationException", "Malformed input request, please reformat your input and try again."],
  403: ["AccessDeniedException", "You don't have access to the model with the specified model ID."],
  404: ["ResourceNotFoundException", "The requested resource could not be found."],
  408: ["ModelTimeoutException", "Model has timed out in processing the request. Try your request again."],
  424: ["ModelErrorException", "The system encountered an unexpected error during processing. Try your request again."],
  429: ["ThrottlingException", "Too many requests, please wait before trying again."],
  500: ["InternalServerException", "The server encountered an internal error while processing the request."],
  503: ["ServiceUnavailableException", "Bedrock is unable to process your request."],
};

export function errorTypeForStatus(status: number): string {
  return BY_STATUS[status]?.[0] ?? (status >= 500 ? "InternalServerException" : "ValidationException");
}

export function statusError(status: number): Reply {
  const [type, message] = BY_STATUS[status] ?? [errorTypeForStatus(status), `Mock provider answered with status ${status}.`];
  return bedrockError(status, type, message);
}

/** AWS's answers to a request with no credential, and to one whose access key (or API key) it does not know. */
export function authError(presented: boolean): Reply {
  return presented
    ? bedrockError(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
    : bedrockError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
}
