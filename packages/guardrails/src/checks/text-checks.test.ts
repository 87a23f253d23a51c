import { describe, expect, it } from 'vitest';
import { builtinGuardrails } from '../index.js';

const textCheckIds = [
  'default.regexMatch', 'default.contains', 'default.wordCount', 'default.sentenceCount', 'default.characterCount', 'default.jsonSchema', 'default.jsonKeys',
  'default.containsCode', 'default.validUrls', 'default.endsWith', 'default.alluppercase', 'default.alllowercase', 'default.uppercase', 'default.lowercase', 'default.notNull',
];

describe('the text checks in builtinGuardrails', () => {
  it('are all registered once, by the ids Portkey uses, on contract v1, on both sides', () => {
    const ids = builtinGuardrails.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of textCheckIds) {
      const check = builtinGuardrails.find((each) => each.id === id);
      expect(check, id).toBeDefined();
      expect(check!.specificationVersion).toBe('v1');
      expect(check!.events, id).toBeUndefined();
      expect(check!.mutates, id).toBeUndefined();
    }
  });

  it('each refuses a parameter it does not read, naming it', () => {
    for (const id of textCheckIds) {
      const check = builtinGuardrails.find((each) => each.id === id)!;
      expect(check.validate!({ misspelt: true }), id).toMatch(/'misspelt'/);
    }
  });
});
