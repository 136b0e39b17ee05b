import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { type BedrockCredential, misconfigured } from "./bedrock-credential.js";
import { regionFromHost } from "./bedrock-url.js";

export interface UnsignedRequest {
  /** The virtual key's base URL; its path, if any, is a prefix of `path` on the wire. */
  baseUrl: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** AWS's signing name for every Bedrock runtime operation. */
const SIGNING_SERVICE = "bedrock";

/**
 * The request's headers with the credential added: a bearer token for a Bedrock API key,
 * or a SigV4 signature over the exact method, path (base URL prefix included), host and
 * body that will be sent. `host` is returned too, so what goes out is what was signed.
 */
export async function authorisedHeaders(request: UnsignedRequest, credential: BedrockCredential, signingDate = new Date()): Promise<Record<string, string>> {
  if (credential.kind === "api-key") return { ...request.headers, authorization: `Bearer ${credential.apiKey}` };
  const url = new URL(request.baseUrl);
  const region = credential.region ?? regionFromHost(url.hostname);
  if (!region) {
    throw misconfigured(
      'Cannot tell which AWS region to sign Bedrock requests for: add "region" to the credential or use a https://bedrock-runtime.<region>.amazonaws.com base URL.',
    );
  }
  const unsigned = new HttpRequest({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname.replace(/\/+$/, "") + request.path,
    headers: { ...request.headers, host: url.host },
    body: request.body,
  });
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken ? { sessionToken: credential.sessionToken } : {}),
    },
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(unsigned, { signingDate });
  return { ...signed.headers };
}
