import { describe, expect, it } from 'vitest';
import type { TargetOptions } from '@ai-gateway/spec';
import type { GatewayRequest } from '../request/gateway-request.js';
import { checkAnswer, type GuardrailDependencies } from './leaf-hooks.js';
import type { HookResult } from './run-hooks.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Input-side results only: the answer is spliced as bytes, with no output check to read it. */
async function answerWithResults(body: string, before: HookResult[]): Promise<string> {
  const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: encoder.encode(body) };
  const spliced = await checkAnswer(answer, { before: [], after: [] }, {} as GatewayRequest, {} as TargetOptions, before, {} as GuardrailDependencies);
  return decoder.decode(spliced.body as Uint8Array);
}

const result = (id: string): HookResult => ({
  id, type: 'guardrail', verdict: true, deny: true, async: false, transformed: false,
  checks: [{ id: 'default.contains', verdict: true, data: { foundWords: ['naïve', '😀'] }, execution_time: 0, created_at: '2026-12-07T17:00:00.000Z' }],
  feedback: null, execution_time: 0, created_at: '2026-12-07T17:00:00.000Z',
});

describe('hook_results added to a JSON answer as bytes', () => {
  it('puts them first in the object, whatever space and characters the answer and the results hold', async () => {
    const before = [result('input «guard» 0')];
    for (const body of ['{"id":"c","choices":[]}', '  {\n  "id": "ç",\n  "n": 1 }\n', '{}', '{ \n}']) {
      const text = await answerWithResults(body, before);
      const parsed = JSON.parse(text);
      expect(Object.keys(parsed)[0]).toBe('hook_results');
      expect(parsed.hook_results).toEqual({ before_request_hooks: before, after_request_hooks: [] });
      expect({ ...parsed, hook_results: undefined }).toEqual({ ...JSON.parse(body), hook_results: undefined });
    }
  });

  it('leaves an answer that is not a JSON object as it was', async () => {
    for (const body of ['[1, 2]', ' [{"id": "c"}]', '"text"']) expect(await answerWithResults(body, [result('input_guardrail_0')])).toBe(body);
  });
});
