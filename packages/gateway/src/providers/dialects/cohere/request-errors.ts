import { type GatewayError, invalidRequest } from "../../../lib/errors.js";

/** A request field Cohere has no equivalent for: a 400 that names it, never a silent drop. */
export function unsupportedField(param: string, detail = ""): GatewayError {
  return invalidRequest(`Cohere does not support \`${param}\`${detail ? `: ${detail}` : "."}`, "unsupported_parameter", param);
}

/** A field Cohere has, with a value it cannot take or that is malformed. */
export function unsupportedValue(param: string, detail: string): GatewayError {
  return invalidRequest(`Invalid \`${param}\` for Cohere: ${detail}`, "unsupported_value", param);
}
