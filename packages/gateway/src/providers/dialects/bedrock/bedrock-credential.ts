import { GatewayError } from "../../../lib/errors.js";

/** What a Bedrock virtual key's credential holds: AWS access keys to sign with, or a Bedrock API key. */
export type BedrockCredential =
  | { kind: "sigv4"; accessKeyId: string; secretAccessKey: string; sessionToken?: string; region?: string }
  | { kind: "api-key"; apiKey: string };

/**
 * A JSON object `{accessKeyId, secretAccessKey, sessionToken?, region?}` means SigV4; any
 * other string is a Bedrock API key, sent as a bearer token. A JSON credential that is
 * wrong is refused rather than sent as a bearer token, and the message never quotes it.
 */
export function parseBedrockCredential(raw: string): BedrockCredential {
  const text = raw.trim();
  if (!text.startsWith("{")) return { kind: "api-key", apiKey: text };
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw misconfigured("The Bedrock credential on this virtual key starts like JSON but is not valid JSON.");
  }
  const { accessKeyId, secretAccessKey, sessionToken, region } = value;
  if (!nonEmpty(accessKeyId) || !nonEmpty(secretAccessKey)) {
    throw misconfigured('The Bedrock credential on this virtual key must hold non-empty "accessKeyId" and "secretAccessKey" strings.');
  }
  if ((sessionToken !== undefined && !nonEmpty(sessionToken)) || (region !== undefined && !nonEmpty(region))) {
    throw misconfigured('The Bedrock credential\'s "sessionToken" and "region", when present, must be non-empty strings.');
  }
  const credential: BedrockCredential = { kind: "sigv4", accessKeyId, secretAccessKey };
  if (sessionToken !== undefined) credential.sessionToken = sessionToken;
  if (region !== undefined) credential.region = region;
  return credential;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The gateway's configuration is wrong, not the client's request. */
export function misconfigured(message: string): GatewayError {
  return new GatewayError(500, "api_error", message, "provider_misconfigured");
}
