import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { GatewayError } from "../lib/errors.js";
import type { UpstreamRequest } from "../providers/dialects/dialect.js";
import type { AttemptSettings } from "../routing/resolve-targets.js";
import { type AttemptFailure, decideRetry, isRetryable, shouldFallback } from "../routing/retry-policy.js";
import { TIMEOUT_CODES, timeoutKindOfUndiciError, type TimeoutKind } from "../routing/timeouts.js";
import type { BreakerPermit } from "../routing/breaker-types.js";
import { sendErrorBody } from "../http/respond.js";
import type { ResolvedVirtualKey } from "../snapshot/snapshot.js";
import { type CallResult, failure } from "./call-result.js";
import type { Governance } from "./govern.js";
import type { CallSpec, DataPlane } from "./handle-call.js";
import type { ChatRequest } from "./parse-chat-request.js";
import type { CallTarget } from "./plan-targets.js";
import { relayJson } from "./relay-json.js";
import { relayStream } from "./relay-stream.js";
import type { RequestContext } from "./request-context.js";
import { relayUnreachable } from "./upstream-response.js";
import type { Wire } from "./wire.js";

/** The upstream request and how its answer comes back. */
export interface Dispatch {
  request: Omit<UpstreamRequest, "body"> & { body: string | Buffer };
  stream: boolean;
  clientWantsUsage: boolean;
  wire: Wire;
  /** Relays an answer that is neither a JSON body nor an event stream (audio, files). */
  relay?: (ctx: RequestContext, upstream: Dispatcher.ResponseData, res: ServerResponse, gov: Governance | null) => Promise<CallResult>;
}

/** One upstream attempt, as the audit record keeps it. */
export interface AttemptLog {
  virtualKey: string;
  provider: string;
  model: string;
  /** The provider's HTTP status, when it answered. */
  status: number | null;
  /** Why the attempt failed (e.g. `upstream_first_byte_timeout`, `circuit_open`), or null when it answered. */
  error: string | null;
  latencyMs: number;
}

/** What ended a call: its result, and every attempt when there was more than one target or try. */
export interface Outcome {
  result: CallResult;
  attempts: AttemptLog[] | null;
}

/** One call's state while its targets are tried. */
interface Run {
  plane: DataPlane;
  ctx: RequestContext;
  res: ServerResponse;
  gov: Governance | null;
  spec: CallSpec;
  call: ChatRequest;
  req: IncomingMessage;
  client: ClientWatch;
  log: AttemptLog[];
  routed: boolean;
}

/**
 * Tries the call's targets in order. A failure before any byte reached the client may be
 * retried at the same target (backoff with full jitter, the provider's retry hint
 * honoured up to a cap) or handed to the next target, as the target's settings say; once
 * an answer starts, it is the answer — a stream cut later is never retried. A call that
 * names one virtual key is one attempt, as before routing existed.
 */
export async function runAttempts(
  plane: DataPlane,
  ctx: RequestContext,
  res: ServerResponse,
  gov: Governance | null,
  spec: CallSpec,
  call: ChatRequest,
  req: IncomingMessage,
  targets: readonly CallTarget[],
): Promise<Outcome> {
  const run: Run = { plane, ctx, res, gov, spec, call, req, client: watchClient(res), log: [], routed: targets.some((t) => t.settings !== null) };
  for (let i = 0; i < targets.length; i++) {
    const outcome = await tryTarget(run, targets[i]!, i === targets.length - 1);
    if (outcome) return outcome;
  }
  // Every target was skipped (open circuits) or handed over: the log says what happened to each.
  const message = "No target of this call could take it now; the audit record lists each attempt.";
  sendErrorBody(res, 503, { error: { message, type: "api_error", param: null, code: "no_target_available" } });
  return done(run, failure(503, "failed", "no_target_available", message));
}

function done(run: Run, result: CallResult): Outcome {
  return { result, attempts: run.routed || run.log.length > 1 ? run.log : null };
}

/** One target, retried as its settings allow: an outcome, or null to move on to the next target. */
async function tryTarget(run: Run, target: CallTarget, lastTarget: boolean): Promise<Outcome | null> {
  const { plane, ctx, res, gov, client } = run;
  useTarget(ctx, res, target);
  let probe = false;
  if (target.targetKey) {
    const permit = await acquire(plane, target.targetKey);
    if (!permit.allowed) {
      run.log.push(entry(target, null, "circuit_open", 0));
      return null;
    }
    probe = permit.probe;
  }
  const settings = target.settings;
  const call = settings && Object.keys(settings.overrideParams).length > 0 ? { ...run.call, body: { ...run.call.body, ...settings.overrideParams }, model: target.model } : { ...run.call, model: target.model };
  for (let retry = 0; ; retry++) {
    if (client.gone) return done(run, failure(499, "aborted", "client_aborted", "The client closed the connection before the answer started."));
    let dispatch: Dispatch;
    try {
      dispatch = await run.spec.prepare(ctx, call, run.req, gov);
    } catch (err) {
      // A request this target cannot take (e.g. a field its dialect lacks) is its failure, not the call's, while others remain.
      if (lastTarget || !run.routed || !(err instanceof GatewayError)) throw err;
      run.log.push(entry(target, null, err.code ?? err.type, 0));
      if (target.targetKey) await record(plane, target, probe, false, null);
      return null;
    }
    const t0 = performance.now();
    const sent = await send(plane, ctx.virtualKey!, dispatch, settings, client);
    const failed = answered(sent) ? null : await attemptFailure(sent);
    const latencyMs = Math.round(performance.now() - t0);
    if (ctx.virtualKey!.credentialKeyId && plane.rotations && (await rotatedCredential(plane, ctx, sent))) {
      // The rotation's new key was refused: the old one is still good during the grace period.
      run.log.push(entry(target, sent.upstream!.statusCode, "credential_rejected", latencyMs));
      retry--;
      continue;
    }
    if (failed === null || client.gone) {
      const result = await relay(ctx, res, gov, dispatch, sent, client, ctx.virtualKey!);
      run.log.push(entry(target, sent.upstream?.statusCode ?? null, result.errorType, Math.round(performance.now() - t0)));
      // A client that left says nothing about the target's health.
      if (target.targetKey && result.outcome !== "aborted") await record(plane, target, probe, result.status < 500 && result.outcome !== "failed", latencyMs);
      return done(run, result);
    }
    // The breaker counts the provider's trouble, not the client's own 4xx.
    if (target.targetKey) await record(plane, target, probe, !isRetryable(failed.failure), null);
    const decision = settings ? decideRetry(failed.failure, retry, settings.retry, { afterFirstByte: false, random: plane.random, now: Date.now() }) : null;
    // This failure may have opened the breaker (a failed probe, or the one that tipped the window): then no retry here.
    const permit = decision?.retry && target.targetKey ? await acquire(plane, target.targetKey) : null;
    const retryHere = decision?.retry === true && permit?.allowed !== false;
    probe = permit?.allowed === true && permit.probe;
    const moveOn = !lastTarget && settings !== null && shouldFallback(failed.failure, settings.fallbackOn, { afterFirstByte: false });
    // The attempt log names failures the same way for every try; the record's error says what the client got.
    run.log.push(entry(target, sent.upstream?.statusCode ?? null, failed.code, latencyMs));
    if (!retryHere && !moveOn) return done(run, await relay(ctx, res, gov, dispatch, sent, client, ctx.virtualKey!));
    if (!retryHere) return null;
    await client.sleep((decision as { delayMs: number }).delayMs);
  }
}

/** A breaker that cannot be asked (Redis away) lets the call through: the provider's answer is better than a 500. */
async function acquire(plane: DataPlane, key: string): Promise<BreakerPermit> {
  try {
    return await plane.breaker.acquire(key);
  } catch (err) {
    plane.log.warn({ err: (err as Error).message }, "circuit breaker unavailable; calling the target");
    return { allowed: true, probe: false };
  }
}

/**
 * During a provider-key rotation a virtual key carries the new key and, as a fallback, the
 * old one. The outcome of each call with a provider key is reported to the rotation; a
 * 401/403 with the new key switches this call to the old key (true: try again with it).
 */
async function rotatedCredential(plane: DataPlane, ctx: RequestContext, sent: Sent): Promise<boolean> {
  const vk = ctx.virtualKey!;
  const keyId = vk.credentialKeyId;
  const status = sent.upstream?.statusCode;
  if (!keyId || !plane.rotations || status === undefined) return false;
  const rejected = status === 401 || status === 403;
  await (rejected ? plane.rotations.recordAuthFailure(keyId) : plane.rotations.recordSuccess(keyId)).catch((err: unknown) => {
    plane.log.warn({ err: (err as Error).message }, "rotation outcome not recorded");
  });
  if (!rejected || !vk.fallbackCredential) return false;
  ctx.virtualKey = { ...vk, credential: vk.fallbackCredential.secret, credentialKeyId: vk.fallbackCredential.keyId, fallbackCredential: null };
  return true;
}

function useTarget(ctx: RequestContext, res: ServerResponse, target: CallTarget): void {
  ctx.virtualKey = target.vk;
  ctx.upstreamModel = target.model;
  if (!res.headersSent) res.setHeader("x-igris-provider", target.vk.provider.slug);
}

function entry(target: CallTarget, status: number | null, error: string | null, latencyMs: number): AttemptLog {
  return { virtualKey: target.vk.slug, provider: target.vk.provider.slug, model: target.model, status, error, latencyMs };
}

/** Breakers and latency are kept for targets of routes and the automatic choice. */
async function record(plane: DataPlane, target: CallTarget, probe: boolean, ok: boolean, latencyMs: number | null): Promise<void> {
  if (!target.targetKey) return;
  if (ok && latencyMs !== null) plane.latency.record(target.targetKey, latencyMs);
  await (ok ? plane.breaker.recordSuccess(target.targetKey, { probe }) : plane.breaker.recordFailure(target.targetKey, { probe })).catch((err: unknown) => {
    plane.log.warn({ err: (err as Error).message }, "circuit breaker update failed");
  });
}

interface ClientWatch {
  gone: boolean;
  /** undici takes an EventEmitter as the abort signal: far cheaper per request than an AbortController. */
  abort: EventEmitter;
  sleep(ms: number): Promise<void>;
}

function watchClient(res: ServerResponse): ClientWatch {
  const watch: ClientWatch = {
    gone: false,
    abort: new EventEmitter(),
    sleep: (ms) =>
      new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          watch.abort.off("abort", wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        watch.abort.once("abort", wake);
      }),
  };
  res.on("close", () => {
    if (!res.writableFinished) {
      watch.gone = true;
      watch.abort.emit("abort");
    }
  });
  return watch;
}

interface Sent {
  upstream: Dispatcher.ResponseData | null;
  error: unknown;
  /** The attempt's own signal: a timeout or the client going away cancels it. */
  cancel: () => void;
  timedOut: TimeoutKind | null;
  /** An error answer's body, once read. */
  errorBody?: Buffer;
}

async function send(plane: DataPlane, vk: ResolvedVirtualKey, dispatch: Dispatch, settings: AttemptSettings | null, client: ClientWatch): Promise<Sent> {
  if (!settings) {
    // One attempt and no deadlines of its own: the client's signal is the attempt's, one emitter per call.
    const sent: Sent = { upstream: null, error: null, cancel: () => client.abort.emit("abort"), timedOut: null };
    if (client.gone) sent.cancel();
    try {
      sent.upstream = await plane.upstreams.request({ baseUrl: vk.baseUrl!, ...dispatch.request, signal: client.abort });
    } catch (err) {
      sent.error = err;
      sent.timedOut = timeoutKindOfUndiciError(err);
    }
    return sent;
  }
  const signal = new EventEmitter();
  const sent: Sent = { upstream: null, error: null, cancel: () => signal.emit("abort"), timedOut: null };
  const onClientGone = () => sent.cancel();
  client.abort.once("abort", onClientGone);
  // The client may have left while the request was being prepared.
  if (client.gone) sent.cancel();
  const total = setTimeout(() => {
    sent.timedOut = "total";
    sent.cancel();
  }, settings.timeouts.totalMs);
  total.unref();
  const cleanup = () => {
    clearTimeout(total);
    client.abort.off("abort", onClientGone);
  };
  try {
    sent.upstream = await plane.upstreams.request({
      baseUrl: vk.baseUrl!,
      ...dispatch.request,
      signal,
      connectTimeoutMs: settings.timeouts.connectMs,
      headersTimeoutMs: settings.timeouts.firstByteMs,
      bodyTimeoutMs: settings.timeouts.idleMs,
    });
    sent.upstream.body.once("close", cleanup);
  } catch (err) {
    cleanup();
    sent.error = err;
    sent.timedOut ??= timeoutKindOfUndiciError(err);
  }
  return sent;
}

/** The provider answered with a status worth relaying as it is (the common case, decided without an await). */
function answered(sent: Sent): boolean {
  return sent.timedOut === null && sent.error === null && sent.upstream!.statusCode < 400;
}

/**
 * How an attempt failed before anything was relayed, or null when its answer should be
 * relayed as it is. An error answer is read whole here (error bodies are small): it may
 * hold the provider's retry hint (Google's RetryInfo), and it is relayed from `errorBody`.
 */
async function attemptFailure(sent: Sent): Promise<{ failure: AttemptFailure; code: string } | null> {
  if (sent.timedOut && !sent.upstream) return { failure: { kind: "timeout", timeout: sent.timedOut }, code: TIMEOUT_CODES[sent.timedOut] };
  if (sent.error) return { failure: { kind: "network", code: (sent.error as { code?: string }).code }, code: "upstream_unreachable" };
  const upstream = sent.upstream!;
  if (upstream.statusCode < 400) return null;
  try {
    sent.errorBody = Buffer.from(await upstream.body.arrayBuffer());
  } catch (err) {
    sent.errorBody = Buffer.alloc(0);
    sent.timedOut ??= timeoutKindOfUndiciError(err);
  }
  return { failure: { kind: "status", status: upstream.statusCode, headers: upstream.headers, body: sent.errorBody.toString("utf8") }, code: `upstream_${upstream.statusCode}` };
}

async function relay(ctx: RequestContext, res: ServerResponse, gov: Governance | null, dispatch: Dispatch, sent: Sent, client: ClientWatch, vk: ResolvedVirtualKey): Promise<CallResult> {
  const upstream = sent.upstream;
  if (!upstream) return relayUnreachable(res, sent.error, client.gone, vk.provider.slug, sent.timedOut ? TIMEOUT_CODES[sent.timedOut] : null);
  if (sent.errorBody) return dispatch.wire.error(res, upstream.statusCode, upstream.headers, sent.errorBody, vk);
  try {
    if (dispatch.relay) return await dispatch.relay(ctx, upstream, res, gov);
    return dispatch.stream
      ? await relayStream(ctx, upstream, res, {
          clientWantsUsage: dispatch.clientWantsUsage,
          isClientGone: () => client.gone,
          cancelUpstream: sent.cancel,
          gov,
          wire: dispatch.wire,
          timeoutOf: (err) => {
            const kind = sent.timedOut ?? timeoutKindOfUndiciError(err);
            return kind ? TIMEOUT_CODES[kind] : null;
          },
        })
      : await relayJson(ctx, upstream, res, gov, dispatch.wire);
  } catch (err) {
    upstream.body.destroy();
    const kind = sent.timedOut ?? timeoutKindOfUndiciError(err);
    return relayUnreachable(res, err, client.gone, vk.provider.slug, kind ? TIMEOUT_CODES[kind] : null);
  }
}
