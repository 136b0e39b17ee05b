import { type DialectCall, type PresentedKey, type Reply, jsonReply } from "../dialect.js";

/** Google's error envelope: HTTP code, message and the google.rpc status name. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

export function googleError(code: number, message: string, status = statusName(code), details?: unknown[]): Reply {
  const body: GoogleErrorBody = { error: { code, message, status, ...(details ? { details } : {}) } };
  return jsonReply(body, code);
}

/** google.rpc.Code names by HTTP status, as Google's APIs map them. */
export function statusName(code: number): string {
  switch (code) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ABORTED";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 499:
      return "CANCELLED";
    case 501:
      return "UNIMPLEMENTED";
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
  }
}

/** Vertex AI paths name a project; AI Studio paths do not. */
export function isVertex(call: DialectCall): boolean {
  return call.apiPath.includes("/projects/");
}

function serviceOf(call: DialectCall): string {
  return isVertex(call) ? "aiplatform.googleapis.com" : "generativelanguage.googleapis.com";
}

const OAUTH_HINT =
  "Expected OAuth 2 access token, login cookie or other valid authentication credential. " +
  "See https://developers.google.com/identity/sign-in/web/devconsole-project.";

/**
 * What Google answers a missing or wrong credential: a bad API key is a 400
 * `API_KEY_INVALID`, a bad OAuth token a 401, and no credential at all a 403 on AI
 * Studio (an "unregistered caller") but a 401 on Vertex.
 */
export function authError(presented: PresentedKey | undefined, call: DialectCall): Reply {
  if (!presented) {
    if (isVertex(call)) return googleError(401, `Request is missing required authentication credential. ${OAUTH_HINT}`);
    return googleError(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). " +
        "Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  if (presented.via === "bearer") return googleError(401, `Request had invalid authentication credentials. ${OAUTH_HINT}`);
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, message, "INVALID_ARGUMENT", [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: serviceOf(call) },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

/** The body Google sends for an injected status, with a RetryInfo detail on a 429 that has a Retry-After. */
export function statusError(status: number, call: DialectCall, model: string | undefined, retryAfter?: string): Reply {
  switch (status) {
    case 404: {
      const version = /\/(v1[a-z0-9]*)/.exec(call.apiPath)?.[1] ?? "v1beta";
      return googleError(
        404,
        `models/${model ?? call.pathModel ?? "unknown"} is not found for API version ${version}, or is not supported for ` +
          `${call.operation}. Call ModelService.ListModels to see the list of available models and their supported methods.`,
      );
    }
    case 429: {
      const retry = retryAfter && /^\d+$/.test(retryAfter)
        ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfter}s` }]
        : undefined;
      return googleError(429, "You exceeded your current quota, please check your plan and billing details.", "RESOURCE_EXHAUSTED", retry);
    }
    case 500:
      return googleError(
        500,
        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
      );
    case 503:
      return googleError(503, "The model is overloaded. Please try again later.");
    case 504:
      return googleError(504, "The request timed out. Please try again.");
    default:
      return googleError(status, status >= 500 ? "Internal error encountered." : "Request contains an invalid argument.");
  }
}
