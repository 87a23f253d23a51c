/**
 * Core's folders depend one way, down the request path: the app reads a request, the cache and
 * the strategy engine decide, an upstream call is made. A folder imports only from folders of its
 * own layer or below, so a change low in the path never has to look up it, and no stage learns
 * about its caller.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shippedSourceFiles } from './shipped-sources.js';

const source = fileURLToPath(new URL('../src', import.meta.url));

/**
 * Lowest first. The root's small shared files (logger, read-within ...) are the base; the contracts
 * and the error model come from @ai-gateway/spec and @ai-gateway/provider-utils, below them all.
 */
const layers: readonly (readonly string[])[] = [
  ['.', 'security'],
  ['provider', 'stream'],
  ['config'],
  ['request', 'record'],
  ['upstream'],
  ['guardrails'],
  ['strategy'],
  ['cache'],
  ['ingress', 'responses'],
  ['observe'],
  ['access'],
  ['app', 'settings'],
];

function layerOf(folder: string): number {
  const top = folder.split('/')[0];
  const index = layers.findIndex((layer) => layer.includes(top));
  if (index === -1) throw new Error(`src/${folder} is in no layer: add it to folder-layers.test.ts`);
  return index;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => relative(source, join(dirname(file), match[1])));
}

describe('core folders', () => {
  it('import only from their own layer or below', () => {
    const upward: string[] = [];
    for (const file of shippedSourceFiles(source)) {
      const from = relative(source, dirname(file)) || '.';
      if (relative(source, file) === 'index.ts') continue; // the package's face re-exports everything
      for (const target of importsOf(file)) {
        const to = dirname(target);
        if (layerOf(to) > layerOf(from)) upward.push(`${relative(source, file)} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
