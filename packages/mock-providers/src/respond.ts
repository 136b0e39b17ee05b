import type { Directives } from "./directives.js";
import type { Exchange } from "./exchange.js";
import { type Fixture, FixtureError, type FixtureStore } from "./fixture-store.js";
import { type ResponseVariant, modelFixture } from "./model-fixtures.js";
import { MALFORMED_JSON_MESSAGE, errorBodyForStatus, invalidApiKeyBody, openAIError } from "./openai-errors.js";
import type { RouteKind } from "./routes.js";
import { DONE_EVENT, dataEvent } from "./sse-events.js";
import { synthesizeChatCompletion, synthesizeChatStream, wantsStreamUsage } from "./synthesize-chat.js";
import { synthesizeEmbeddings } from "./synthesize-embeddings.js";

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export interface MockExchange {
  exchange: Exchange;
  route: RouteKind;
  directives: Directives;
  body: ParsedBody;
  authorization: string | undefined;
  store: FixtureStore;
  /** Replay MODEL_FIXTURES for known model names (off for the demo provider). */
  useModelTable: boolean;
}

type RequestFields = Record<string, unknown>;

/**
 * Order mirrors a real upstream: network faults first, then auth, then body
 * parsing, then the answer (chosen fixture, injected status, default fixture, or
 * a synthesized reply).
 */
export async function respond(m: MockExchange): Promise<void> {
  const { exchange: x, directives: d } = m;
  if (d.latencyMs && !(await x.pause(d.latencyMs))) return;
  if (d.reset) return x.reset();

  const apiKey = bearerToken(m.authorization);
  if (d.expectKey !== undefined && apiKey !== d.expectKey) return x.sendJson(401, invalidApiKeyBody(apiKey));
  if (!m.body.ok) return x.sendJson(400, openAIError(MALFORMED_JSON_MESSAGE, "invalid_request_error"));
  const value = m.body.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return x.sendJson(400, openAIError("The request body must be a JSON object.", "invalid_request_error"));
  }
  const request = value as RequestFields;

  if (d.fixture !== undefined) {
    const fixture = await loadOrAnswerError(m, d.fixture);
    if (fixture) await replay(m, fixture, request, d.status);
    return;
  }
  if (d.status !== undefined && d.status >= 400) {
    const model = typeof request.model === "string" ? request.model : undefined;
    return x.sendJson(d.status, errorBodyForStatus(d.status, { model, apiKey, retryAfterSeconds: d.retryAfter }));
  }

  const defaultName = m.useModelTable ? modelFixture(m.route, request.model, variantOf(m.route, request)) : undefined;
  if (defaultName) {
    // The table is a preference: without the fixtures dir the demo must still answer.
    const fixture = await m.store.load(defaultName).catch(() => undefined);
    if (fixture) return replay(m, fixture, request, d.status);
  }
  return synthesize(m, request, d.status ?? 200);
}

async function loadOrAnswerError(m: MockExchange, name: string): Promise<Fixture | undefined> {
  try {
    return await m.store.load(name);
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    const type = error.status === 500 ? "server_error" : "invalid_request_error";
    m.exchange.sendJson(error.status, openAIError(error.message, type, "mock_fixture_error"));
    return undefined;
  }
}

async function replay(m: MockExchange, fixture: Fixture, request: RequestFields, status?: number): Promise<void> {
  const x = m.exchange;
  x.res.setHeader("x-mock-source", `fixture:${fixture.name}`);
  const wantsStream = m.route === "chat" && request.stream === true;
  // Recorded errors are JSON whatever the request asked for, as upstream sends them.
  const recordedSuccess = fixture.status < 300;
  if (recordedSuccess && (fixture.kind === "stream") !== wantsStream) {
    const message =
      `fixture "${fixture.name}" (${fixture.file}) is ${fixture.kind === "stream" ? "a stream" : "a JSON body"} ` +
      `but the request ${wantsStream ? "asked for a stream" : "did not ask for a stream"}`;
    return x.sendJson(400, openAIError(message, "invalid_request_error", "mock_fixture_mismatch"));
  }
  if (fixture.kind === "json") return x.sendBody(status ?? fixture.status, "application/json", fixture.body);
  const withUsage = wantsStreamUsage(request);
  await x.sendStream(
    status ?? fixture.status,
    fixture.events,
    withUsage ? -1 : fixture.usageEventIndex,
    withUsage ? fixture.bodyWithUsage : fixture.bodyWithoutUsage,
    m.directives,
  );
}

async function synthesize(m: MockExchange, request: RequestFields, status: number): Promise<void> {
  const x = m.exchange;
  x.res.setHeader("x-mock-source", "synthesized");
  const { model } = request;
  if (typeof model !== "string" || model === "") {
    return x.sendJson(400, openAIError("you must provide a model parameter", "invalid_request_error"));
  }
  if (m.route === "embeddings") {
    if (request.input === undefined) return x.sendJson(400, missingParameter("input"));
    return x.sendJson(status, synthesizeEmbeddings({ ...request, model, input: request.input }));
  }
  const { messages } = request;
  if (!Array.isArray(messages)) return x.sendJson(400, missingParameter("messages"));
  const chat = { ...request, model, messages };
  if (request.stream !== true) return x.sendJson(status, synthesizeChatCompletion(chat));

  const events = synthesizeChatStream(chat).map((chunk) => dataEvent(JSON.stringify(chunk)));
  events.push(DONE_EVENT);
  await x.sendStream(status, events, -1, events.join(""), m.directives);
}

function variantOf(route: RouteKind, request: RequestFields): ResponseVariant {
  if (route === "embeddings") return request.encoding_format === "base64" ? "base64" : "float";
  return request.stream === true ? "stream" : "json";
}

function missingParameter(param: string) {
  return openAIError(`Missing required parameter: '${param}'.`, "invalid_request_error", "missing_required_parameter", param);
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match ? match[1] : undefined;
}
