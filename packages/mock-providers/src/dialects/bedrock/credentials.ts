import type { IncomingHttpHeaders } from "node:http";
import { bearerToken } from "../credentials.js";
import type { PresentedKey } from "../dialect.js";

/**
 * The access key id from a SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=<akid>/<date>/<region>/<service>/aws4_request, …`),
 * or a Bedrock API key sent as a bearer token. Signatures are not verified: the
 * mock checks who is calling, not the signing code.
 */
export function bedrockKey(headers: IncomingHttpHeaders): PresentedKey | undefined {
  const authorization = headers.authorization;
  if (typeof authorization !== "string") return undefined;
  const sigv4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//.exec(authorization.trim());
  if (sigv4) return { key: sigv4[1]!, via: "sigv4" };
  const bearer = bearerToken(authorization);
  return bearer === undefined ? undefined : { key: bearer, via: "bearer" };
}
