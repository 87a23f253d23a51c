/**
 * Runs the hooks of one side (input or output) on one request or answer, and reports them as
 * Portkey's `hook_results` do. A hook passes when all its checks pass. A check that throws, or
 * outlasts its time, fails (and is reported with the error): a deny hook then denies, so a broken
 * check never lets through what it was meant to stop. `async` hooks run without being waited for.
 */
import type { ClientSignal, GuardrailContextV1, GuardrailResultV1, JsonObject } from '@ai-gateway/spec';
import { withFields } from '@ai-gateway/provider-utils';
import type { GatewayLogger } from '../logger.js';
import type { GuardrailRegistry } from './guardrail-registry.js';
import type { CheckSpec, HookSpec } from './hook-spec.js';
import type { TextSlot } from './text-slots.js';
import { isoTime } from '../iso-time.js';
import { isPromiseLike } from '../promise-like.js';

/** How long a check may run before it counts as failed; a webhook's own `timeout` (default 3 s) is shorter. */
export const checkDeadlineMs = 30_000;

export interface CheckResult {
  id: string;
  verdict: boolean;
  data: unknown;
  error?: string;
  execution_time: number;
  created_at: string;
}

export interface HookResult {
  id: string;
  type: 'guardrail' | 'mutator';
  verdict: boolean;
  deny: boolean;
  async: boolean;
  transformed: boolean;
  checks: CheckResult[];
  /** The hook's `on_success` or `on_fail` feedback, as its verdict picks, with which checks passed, failed and errored. */
  feedback: JsonObject | null;
  execution_time: number;
  created_at: string;
}

/** The context of one side, without the per-check parts (segments after earlier mutators, the signal). */
export type HookContextBase = Omit<GuardrailContextV1, 'signal' | 'segments' | 'text'>;

export interface HookRun {
  base: HookContextBase;
  /** Every text slot a mutator may rewrite, and the ones judged. */
  slots: TextSlot[];
  judged: TextSlot[];
  registry: GuardrailRegistry;
  clientSignal: ClientSignal;
  logger: GatewayLogger;
}

function joined(slots: readonly TextSlot[]): string {
  return slots.map((slot) => slot.read()).join('\n');
}

type CheckOutcome = { result: CheckResult; transformed?: readonly string[] };

/**
 * The signal a side's checks share, made on first use: a check that answers at once never asks for
 * it, and an AbortController with a listener on the client's signal costs more than the check.
 * It aborts when the client goes away or a check's deadline passes.
 */
class SideSignal {
  private controller: AbortController | undefined;
  private readonly onClientGone = () => this.controller?.abort(this.clientSignal.reason);

  constructor(private readonly clientSignal: ClientSignal) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.clientSignal.aborted) this.controller.abort(this.clientSignal.reason);
      else this.clientSignal.addEventListener('abort', this.onClientGone, { once: true });
    }
    return this.controller.signal;
  }

  abort(): void {
    void this.signal;
    this.controller!.abort();
  }

  release(): void {
    if (this.controller) this.clientSignal.removeEventListener('abort', this.onClientGone);
  }
}

/**
 * The context a check reads: the side's fields, the texts, and the shared signal when asked for it.
 * A class rather than an object literal: V8 builds a literal that has a getter on its slow path,
 * about 0.5 µs each, and every hook run makes one (its checks share it).
 */
class CheckContext implements GuardrailContextV1 {
  readonly eventType: GuardrailContextV1['eventType'];
  readonly requestType: string;
  readonly provider: string;
  readonly model: string | undefined;
  readonly metadata: GuardrailContextV1['metadata'];
  readonly requestJson: GuardrailContextV1['requestJson'];
  readonly responseJson: GuardrailContextV1['responseJson'];
  readonly responseStatus: number | undefined;
  readonly stream: boolean;
  readonly fetch: GuardrailContextV1['fetch'];
  readonly #side: SideSignal;

  constructor(base: HookContextBase, readonly text: string, readonly segments: readonly string[], side: SideSignal) {
    this.eventType = base.eventType;
    this.requestType = base.requestType;
    this.provider = base.provider;
    this.model = base.model;
    this.metadata = base.metadata;
    this.requestJson = base.requestJson;
    this.responseJson = base.responseJson;
    this.responseStatus = base.responseStatus;
    this.stream = base.stream;
    this.fetch = base.fetch;
    this.#side = side;
  }

  get signal(): AbortSignal {
    return this.#side.signal;
  }
}

function checkResult(spec: CheckSpec, started: number, createdAt: string, answer: GuardrailResultV1): CheckOutcome {
  const result: CheckResult = { id: spec.id, verdict: answer?.verdict === true, data: answer?.data ?? null, execution_time: Date.now() - started, created_at: createdAt };
  return { result, transformed: answer?.transformedSegments };
}

/** A check that failed itself: it fails (closed) unless its `failOnError` is false; reported either way. */
function checkError(spec: CheckSpec, started: number, createdAt: string, error: unknown): CheckOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { result: { id: spec.id, verdict: !spec.failOnError, data: null, error: message, execution_time: Date.now() - started, created_at: createdAt } };
}

/**
 * One check. A check that answers at once (most built-in ones) is judged synchronously, with no
 * timer and no promise; one that answers later races the deadline, and the hook's signal aborts
 * at the deadline or when the client goes away.
 */
function runCheck(spec: CheckSpec, run: HookRun, context: GuardrailContextV1, side: SideSignal, createdAt: string): CheckOutcome | Promise<CheckOutcome> {
  const started = Date.now();
  let pending: GuardrailResultV1 | PromiseLike<GuardrailResultV1>;
  try {
    pending = run.registry.get(spec.id)!.run(context, spec.parameters);
  } catch (error) {
    return checkError(spec, started, createdAt, error);
  }
  if (!isPromiseLike(pending)) return checkResult(spec, started, createdAt, pending);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      side.abort();
      reject(new Error(`the check did not finish within ${checkDeadlineMs} ms`));
    }, checkDeadlineMs);
  });
  return Promise.race([Promise.resolve(pending), deadline]).then(
    (answer) => checkResult(spec, started, createdAt, answer),
    (error) => checkError(spec, started, createdAt, error),
  ).finally(() => clearTimeout(timer));
}

/** The hook's result from its checks' outcomes; their rewrites applied in check order. */
function hookResult(hook: HookSpec, run: HookRun, outcomes: readonly CheckOutcome[], started: number, createdAt: string): HookResult {
  // Any check may rewrite (PII redaction in a guardrail hook too); a mutator hook holds rewriting checks only.
  let transformed = false;
  for (const outcome of outcomes) {
    const rewrite = outcome.transformed;
    if (!rewrite || rewrite.length !== run.slots.length) continue;
    rewrite.forEach((text, index) => {
      if (typeof text === 'string' && text !== run.slots[index].read()) {
        run.slots[index].write(text);
        transformed = true;
      }
    });
  }
  const checks = outcomes.map((outcome) => outcome.result);
  const verdict = checks.every((check) => check.verdict);
  const chosen = verdict ? hook.onSuccess : hook.onFail;
  const feedback = chosen
    ? {
      value: chosen.value, weight: chosen.weight,
      metadata: withFields(chosen.metadata, {
        successfulChecks: checks.filter((check) => check.verdict).map((check) => check.id).join(', '),
        failedChecks: checks.filter((check) => !check.verdict && !check.error).map((check) => check.id).join(', '),
        erroredChecks: checks.filter((check) => check.error).map((check) => check.id).join(', '),
      }),
    }
    : null;
  return {
    id: hook.id, type: hook.type, verdict, deny: hook.deny, async: hook.async, transformed, checks, feedback,
    execution_time: Date.now() - started, created_at: createdAt,
  };
}

/** One hook: its checks side by side; synchronous when every check answers at once. */
function runHook(hook: HookSpec, run: HookRun, side: SideSignal, createdAt: string): HookResult | Promise<HookResult> {
  const started = Date.now();
  const context = new CheckContext(run.base, joined(run.judged), run.slots.map((slot) => slot.read()), side);
  const outcomes = hook.checks.map((spec) => runCheck(spec, run, context, side, createdAt));
  if (!outcomes.some(isPromiseLike)) return hookResult(hook, run, outcomes as CheckOutcome[], started, createdAt);
  return Promise.all(outcomes).then((settled) => hookResult(hook, run, settled, started, createdAt));
}

export interface SideOutcome {
  results: HookResult[];
  /** A deny hook failed: the request (or answer) must not go on. */
  denied: boolean;
  /** A mutator changed the text. */
  transformed: boolean;
}

/**
 * Runs the waited-for hooks in order (a mutator's rewrite is what the next hook sees); `async` ones
 * are started after them on a snapshot and only logged, never waited for.
 */
export async function runHooks(hooks: readonly HookSpec[], run: HookRun): Promise<SideOutcome> {
  const results: HookResult[] = [];
  let transformed = false;
  const side = new SideSignal(run.clientSignal);
  const createdAt = isoTime(Date.now());
  try {
    for (const hook of hooks) {
      if (hook.async) continue;
      const pending = runHook(hook, run, side, createdAt);
      const result = isPromiseLike(pending) ? await pending : pending;
      results.push(result);
      transformed ||= result.transformed;
    }
  } finally {
    side.release();
  }
  const background = hooks.filter((hook) => hook.async);
  if (background.length > 0) {
    const snapshot = run.slots.map((slot) => slot.read());
    const frozen = snapshot.map((text) => ({ read: () => text, write: () => undefined }));
    const judgedTexts = run.judged.map((slot) => slot.read());
    const detached: HookRun = withFields(run, { slots: frozen, judged: judgedTexts.map((text) => ({ read: () => text, write: () => undefined })) });
    // Not tied to the client: async hooks run on after it has its answer.
    const detachedSide = new SideSignal(new AbortController().signal);
    void Promise.all(background.map((hook) => runHook(hook, detached, detachedSide, createdAt))).then(
      (asyncResults) => run.logger.info('async guardrails finished', { results: asyncResults.map(summary) }),
      (error) => run.logger.warn('async guardrails failed', { error: String(error) }),
    );
  }
  return { results, denied: results.some((result) => result.deny && !result.verdict), transformed };
}

/** What a log line says of a hook: verdicts only, never the data (which may quote the text). */
function summary(result: HookResult): JsonObject {
  return { id: result.id, verdict: result.verdict, checks: result.checks.map((check) => ({ id: check.id, verdict: check.verdict, error: check.error ?? null })) };
}
