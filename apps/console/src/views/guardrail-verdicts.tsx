/**
 * Guardrail verdicts as Portkey's `hook_results` carry them: the hooks before the request and after
 * the answer, each with its checks. Anything else the record holds is shown as JSON.
 */
import { formatMs } from '../lib/format.js';

interface Check {
  id?: string;
  verdict?: boolean;
  execution_time?: number;
  error?: unknown;
}
interface Hook {
  id?: string;
  verdict?: boolean;
  deny?: boolean;
  async?: boolean;
  checks?: Check[];
}

function HookList({ title, hooks }: { title: string; hooks: Hook[] }) {
  if (hooks.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul class="verdicts">
        {hooks.map((hook, index) => (
          <li key={hook.id ?? index}>
            <span class={`badge ${hook.verdict === false ? 'bad' : 'good'}`}>{hook.verdict === false ? 'failed' : 'passed'}</span> {hook.id ?? `hook ${index + 1}`}
            {hook.deny ? ' (denies)' : ''}
            {hook.async ? ' (async)' : ''}
            <ul>
              {(hook.checks ?? []).map((check, checkIndex) => (
                <li key={check.id ?? checkIndex}>
                  {check.verdict === false ? '✗' : '✓'} {check.id ?? 'check'} {check.execution_time !== undefined ? `(${formatMs(check.execution_time)})` : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

export function GuardrailVerdicts({ results }: { results: unknown }) {
  const hooks = results as { before_request_hooks?: Hook[]; after_request_hooks?: Hook[] };
  if (!Array.isArray(hooks?.before_request_hooks) && !Array.isArray(hooks?.after_request_hooks)) {
    return <pre class="code">{JSON.stringify(results, null, 2)}</pre>;
  }
  return (
    <>
      <HookList title="On the request" hooks={hooks.before_request_hooks ?? []} />
      <HookList title="On the answer" hooks={hooks.after_request_hooks ?? []} />
    </>
  );
}
