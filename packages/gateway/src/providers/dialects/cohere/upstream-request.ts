import { authHeaders } from "../../auth-headers.js";
import type { Target, UpstreamRequest } from "../dialect.js";
import type { JsonRecord } from "./payload-fields.js";

/** A POST to one of Cohere's v2 endpoints, under the virtual key's base URL (https://api.cohere.com by default). */
export function cohereRequest(path: "/v2/chat" | "/v2/embed", target: Target, body: JsonRecord, stream = false): UpstreamRequest {
  return {
    method: "POST",
    path,
    headers: {
      "content-type": "application/json",
      accept: stream ? "text/event-stream" : "application/json",
      ...authHeaders(target.provider.authStyle, target.credential),
    },
    body: JSON.stringify(body),
  };
}
