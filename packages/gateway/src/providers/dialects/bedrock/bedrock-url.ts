/** Converse, ConverseStream and InvokeModel, by the last segment of their path. */
export type BedrockOperation = "converse" | "converse-stream" | "invoke";

/**
 * `/model/<id>/<operation>`. The id is percent-encoded as one segment (`:` → `%3A`, an
 * inference-profile ARN's `/` → `%2F`), exactly as AWS's SDKs send it; the signer then
 * encodes this path once more for the canonical request, as SigV4 requires.
 */
export function modelPath(modelId: string, operation: BedrockOperation): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}

const REGION_IN_HOST = /(?:^|\.)bedrock-runtime(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\./;

/** The region in a Bedrock runtime host name (`bedrock-runtime.eu-west-1.amazonaws.com`, FIPS and VPC endpoints too). */
export function regionFromHost(hostname: string): string | null {
  return REGION_IN_HOST.exec(hostname.toLowerCase())?.[1] ?? null;
}
