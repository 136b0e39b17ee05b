import type { DialectCall, MockDialect, Reply, RequestFields } from "./dialects/dialect.js";
import type { Directives } from "./directives.js";
import type { Exchange, ExtraHeaders, StreamFaults } from "./exchange.js";
import { type Fixture, FixtureError, type FixtureStore } from "./fixture-store.js";
import type { ParsedBody } from "./request-body.js";
import { wantsStreamUsage } from "./synthesize-chat.js";

export interface MockExchange {
  exchange: Exchange;
  dialect: MockDialect;
  call: DialectCall;
  directives: Directives;
  body: ParsedBody;
  /** What the route takes: a JSON object, or a multipart upload. */
  expects: "json" | "form";
  store: FixtureStore;
  /** Replay recordings chosen by model name (off for the demo provider). */
  useModelTable: boolean;
}

/** Says which of the mock's own checks failed, in every dialect, whatever its body shape allows. */
export const MOCK_ERROR_HEADER = "x-mock-error";

/**
 * Order mirrors a real upstream: network faults first, then auth, then body
 * parsing, then the answer (chosen fixture, injected status, default fixture, or
 * a synthesized reply). Every dialect runs the same order; only shapes differ.
 */
export async function respond(m: MockExchange): Promise<void> {
  const { exchange: x, directives: d, dialect, call } = m;
  if (d.latencyMs && !(await x.pause(d.latencyMs))) return;
  if (d.reset) return x.reset();

  const presented = dialect.presentedKey(call);
  if (d.expectKey !== undefined && presented?.key !== d.expectKey) return send(m, dialect.authError(presented, call));
  const request = requestFields(m);
  if (!("fields" in request)) return send(m, request.reply);
  const unsupported = dialect.unsupported?.(call);
  if (unsupported) return sendMockError(x, dialect, 400, unsupported, "mock_unsupported");

  if (d.fixture !== undefined) {
    const fixture = await loadOrAnswerError(m, d.fixture);
    if (fixture) await replay(m, fixture, request.fields, d.status);
    return;
  }
  if (d.status !== undefined && d.status >= 400) {
    const model = typeof request.fields.model === "string" ? request.fields.model : call.pathModel;
    return send(m, dialect.statusError(d.status, { call, model, presented, retryAfterSeconds: d.retryAfter }));
  }

  const defaultName = m.useModelTable ? dialect.modelFixture?.(call, request.fields) : undefined;
  if (defaultName) {
    // The table is a preference: without the fixtures dir the demo must still answer.
    const fixture = await m.store.load(defaultName).catch(() => undefined);
    if (fixture) return replay(m, fixture, request.fields, d.status);
  }
  x.res.setHeader("x-mock-source", "synthesized");
  return send(m, dialect.synthesize(call, request.fields), d.status ?? 200);
}

/** The request's fields (a JSON object, or a form's text fields), or the dialect's 400. */
function requestFields(m: MockExchange): { fields: RequestFields } | { reply: Reply } {
  const { body, dialect } = m;
  if (m.expects === "form") {
    if (body.kind === "form") return { fields: body.fields };
    const problem = body.kind === "invalid" ? body.reason : "got a JSON body";
    return { reply: dialect.mockError(400, `This endpoint expects a multipart/form-data upload (${problem}).`, null) };
  }
  if (body.kind !== "json") return { reply: dialect.mockError(400, dialect.malformedJsonMessage, null) };
  const { value } = body;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { reply: dialect.mockError(400, "The request body must be a JSON object.", null) };
  }
  return { fields: value as RequestFields };
}

async function loadOrAnswerError(m: MockExchange, name: string): Promise<Fixture | undefined> {
  try {
    return await m.store.load(name);
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    await sendMockError(m.exchange, m.dialect, error.status, error.message, "mock_fixture_error");
    return undefined;
  }
}

async function replay(m: MockExchange, fixture: Fixture, request: RequestFields, status?: number): Promise<void> {
  const x = m.exchange;
  x.res.setHeader("x-mock-source", `fixture:${fixture.name}`);
  const wantsStream = m.dialect.wantsStream(m.call, request);
  // Recorded errors are JSON whatever the request asked for, as upstream sends them.
  const recordedSuccess = fixture.status < 300;
  if (recordedSuccess && (fixture.kind === "stream") !== wantsStream) {
    const message =
      `fixture "${fixture.name}" (${fixture.file}) is ${fixture.kind === "stream" ? "a stream" : "a JSON body"} ` +
      `but the request ${wantsStream ? "asked for a stream" : "did not ask for a stream"}`;
    return sendMockError(x, m.dialect, 400, message, "mock_fixture_mismatch");
  }
  if (fixture.kind === "json") {
    const sent = status ?? fixture.status;
    const headers = sent >= 400 ? m.dialect.recordedErrorHeaders?.(sent) : undefined;
    return x.sendBody(sent, "application/json", fixture.body, headers);
  }
  // Only OpenAI-framed recordings have a trailing usage event; OpenAI sends it on request only.
  const withUsage = wantsStreamUsage(request);
  const stream = {
    contentType: fixture.contentType,
    events: fixture.events,
    whole: withUsage ? fixture.bodyWithUsage : fixture.bodyWithoutUsage,
  };
  await x.sendStream(status ?? fixture.status, stream, m.directives, withUsage ? -1 : fixture.usageEventIndex);
}

/** Answers a failed check of the mock's own in the dialect's error shape, naming the check in a header. */
export function sendMockError(x: Exchange, dialect: MockDialect, status: number, message: string, code: string): Promise<void> {
  return sendReply(x, {}, dialect.mockError(status, message, code), status, { [MOCK_ERROR_HEADER]: code });
}

function send(m: MockExchange, reply: Reply, status?: number): Promise<void> {
  return sendReply(m.exchange, m.directives, reply, status);
}

/** Sends a reply; `status` applies when the reply does not carry its own (synthesized answers). */
async function sendReply(x: Exchange, faults: StreamFaults, reply: Reply, status = 200, extra: ExtraHeaders = {}): Promise<void> {
  const headers = { ...reply.headers, ...extra };
  switch (reply.kind) {
    case "json":
      return x.sendJson(reply.status ?? status, reply.body, headers);
    case "bytes":
      return x.sendBody(reply.status ?? status, reply.contentType, reply.body, headers);
    case "stream":
      return x.sendStream(status, reply.stream, faults, -1, headers);
  }
}
