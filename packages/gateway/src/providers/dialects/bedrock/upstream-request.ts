import type { Target, UpstreamRequest } from "../dialect.js";
import { parseBedrockCredential } from "./bedrock-credential.js";
import { type BedrockOperation, modelPath } from "./bedrock-url.js";
import { authorisedHeaders } from "./sign-request.js";

/** ConverseStream answers in AWS's binary event stream; everything else in JSON. */
const ACCEPT: Record<BedrockOperation, string> = {
  converse: "application/json",
  "converse-stream": "application/vnd.amazon.eventstream",
  invoke: "application/json",
};

/** A Bedrock runtime call for one operation and body, with the credential applied (signing is async). */
export async function bedrockUpstreamRequest(target: Target, operation: BedrockOperation, body: unknown, signingDate?: Date): Promise<UpstreamRequest> {
  const credential = parseBedrockCredential(target.credential);
  const path = modelPath(target.model, operation);
  const text = JSON.stringify(body);
  const headers = await authorisedHeaders(
    { baseUrl: target.baseUrl, path, body: text, headers: { "content-type": "application/json", accept: ACCEPT[operation] } },
    credential,
    signingDate,
  );
  return { method: "POST", path, headers, body: text };
}
