/**
 * Per-request objects must share hidden classes. On Node 20 an object made by a spread gets a
 * hidden class of its own once a property is added to it, and each such object keeps what it
 * points at alive through young-generation collections (see src/with-fields.ts). The benchmark
 * found one in the hot path; this keeps the pattern out of the code that runs per request: core,
 * the providers and the Node runtime, all but their start-up files (listed below). Start-up code
 * runs once per process, where a hidden class of its own costs nothing measurable.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, shippedSourceFiles } from './shipped-sources.js';

const coreDist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/**
 * A literal that starts with a spread and goes on (`{ ...call, url }`, `{ ...a, ...b }`), and a
 * spread copy kept in a variable (`const copy = { ...options };`), which code then adds to.
 * Spreads after other fields (`{ type, ...data }`) and spreads that are returned or passed on
 * as they are keep shared hidden classes, and are allowed.
 */
const spreadThenMore = /\{\s*\.\.\.(?:[^,{}()]|\([^()]*\))+,/g;
const keptSpreadCopy = /=\s*\{\s*\.\.\.(?:[^,{}()]|\([^()]*\))+\}/g;

/** Comments may show the patterns; only code counts. */
const comments = /\/\*[\s\S]*?\*\/|(^|\s)\/\/.*$/gm;

export function shapeBreakingSpreadsIn(source: string): string[] {
  const code = source.replace(comments, '$1');
  return [...code.matchAll(spreadThenMore), ...code.matchAll(keptSpreadCopy)].map((match) => match[0].replace(/\s+/g, ' '));
}

/** Packages whose code runs per request (runtime-bun and runtime-workers only hand requests to core). */
const perRequestPackages = ['packages/core', 'packages/providers', 'packages/runtime-node'];

/** Files in those packages that run once, at start-up or on a config reload. */
const startUpFiles = new Set([
  'packages/core/src/settings/read-gateway-settings.ts',
  'packages/core/src/config/server-config.ts',
  'packages/runtime-node/src/cli.ts',
  'packages/runtime-node/src/config-file.ts',
  'packages/runtime-node/src/environment.ts',
]);

describe('per-request objects keep shared hidden classes', () => {
  it('finds the spreads that break them (the check itself works)', () => {
    expect(shapeBreakingSpreadsIn('provider.headers({ ...call, url, method });')).toEqual(['{ ...call,']);
    expect(shapeBreakingSpreadsIn('const merged = {\n  ...parent.override_params,\n  ...child.override_params };')).toHaveLength(1);
    expect(shapeBreakingSpreadsIn('const settings = { ...options.settings };')).toEqual(['= { ...options.settings }']);
    expect(shapeBreakingSpreadsIn('const fetchInit = { ...(init as object), signal };')).toEqual(['{ ...(init as object),']);
    expect(shapeBreakingSpreadsIn("send({ type: event, ...data });\nreturn { ...block };\nf(withFields(call, { url }));")).toEqual([]);
    expect(shapeBreakingSpreadsIn('// not { ...call, url }\n/** nor { ...a, ...b } */\nconst url = "http://host/v1";')).toEqual([]);
  });

  it('no per-request source builds an object by spreading and then adding to it', () => {
    const offenders: string[] = [];
    for (const folder of perRequestPackages) {
      for (const file of shippedSourceFiles(join(repositoryRoot, folder))) {
        const name = relative(repositoryRoot, file);
        if (startUpFiles.has(name)) continue;
        for (const found of shapeBreakingSpreadsIn(readFileSync(file, 'utf8'))) offenders.push(`${name}: ${found} (use withFields)`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('lists only start-up files that exist (a moved file would otherwise be held to nothing)', () => {
    const shipped = new Set(perRequestPackages.flatMap((folder) => shippedSourceFiles(join(repositoryRoot, folder)).map((file) => relative(repositoryRoot, file))));
    expect([...startUpFiles].filter((name) => !shipped.has(name))).toEqual([]);
  });

  it('copies made by withFields share one hidden class, call after call', () => {
    // V8's own view, from a Node started with natives syntax on the built core.
    const script = `
      const { withFields } = await import(${JSON.stringify(coreDist)});
      let distinct = 0, previous;
      for (let index = 0; index < 2000; index += 1) {
        const call = { endpoint: 'chatComplete', body: { index }, path: '/chat/completions', stream: false };
        const draft = withFields(call, { url: 'http://127.0.0.1/v1/chat/completions', method: 'POST', upstreamBody: null });
        if (previous && !%HaveSameMap(previous, draft)) distinct += 1;
        previous = draft;
      }
      process.stdout.write(String(distinct));`;
    const distinct = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(Number(distinct)).toBe(0);
  });
});
