import { describe, expect, it } from 'vitest';
import { containsCode, fencedBlockTags } from './contains-code.js';
import { runCheck } from '../../test/text-context.js';

describe('default.containsCode', () => {
  it('passes when a fenced block is tagged with the language, by tag or by name', async () => {
    expect(await runCheck(containsCode, '```py\nprint("Hello World")\n```', { format: 'Python' })).toEqual({
      verdict: true,
      data: { format: 'Python', not: false, found: true, foundFormats: ['Python'] },
    });
    expect((await runCheck(containsCode, '```python3\nprint(1)\n```', { format: 'python' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```Python\nprint(1)\n```', { format: ' PY ' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```tsx\nconst a = <b/>;\n```', { format: 'TypeScript' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```bash\nls\n```', { format: 'Shell' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```c#\nvar a = 1;\n```', { format: 'C#' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```cpp\nint a;\n```', { format: 'C++' })).verdict).toBe(true);
    expect((await runCheck(containsCode, '```haskell\nmain = print 1\n```', { format: 'Haskell' })).verdict).toBe(true);
  });

  it('fails for another language, untagged blocks and plain text', async () => {
    expect(await runCheck(containsCode, '```js\nconsole.log("Hello");\n```', { format: 'Python' })).toMatchObject({ verdict: false, data: { foundFormats: ['JavaScript'] } });
    expect((await runCheck(containsCode, '```\nprint(1)\n```', { format: 'Python' })).verdict).toBe(false);
    expect(await runCheck(containsCode, 'This is just plain text', { format: 'Python' })).toMatchObject({ verdict: false, data: { foundFormats: [] } });
    expect((await runCheck(containsCode, '', { format: 'Python' })).verdict).toBe(false);
    expect((await runCheck(containsCode, '```c\nint a;\n```', { format: 'C++' })).verdict).toBe(false);
  });

  it('finds one block among several, and `not: true` passes only without it', async () => {
    const text = 'First:\n```py\nprint("Hello")\n```\nThen:\n```js\nconsole.log("Hi");\n```';
    expect(await runCheck(containsCode, text, { format: 'JavaScript' })).toMatchObject({ verdict: true, data: { foundFormats: ['Python', 'JavaScript'] } });
    expect((await runCheck(containsCode, text, { format: 'SQL', not: true })).verdict).toBe(true);
    expect((await runCheck(containsCode, text, { format: 'Python', not: true })).verdict).toBe(false);
    expect((await runCheck(containsCode, 'no code at all', { format: 'SQL', not: true })).verdict).toBe(true);
  });

  it('counts a block left open at the end (an answer cut off inside its code)', async () => {
    expect((await runCheck(containsCode, 'Here:\n```sql\nDROP TABLE users; --', { format: 'SQL' })).verdict).toBe(true);
  });

  it("pairs fences: a closing fence's backticks don't open a block", () => {
    expect(fencedBlockTags('```\nplain\n```js\n```ruby\nputs 1\n```')).toEqual(['ruby']);
    expect(fencedBlockTags('````md\n```js\n````\n```sql\nSELECT 1\n```')).toEqual(['md', 'sql']);
  });

  it('validates: format a non-empty string, nothing else', () => {
    expect(containsCode.validate!({})).toMatch(/'format' must be a non-empty string/);
    expect(containsCode.validate!({ format: 7 })).toMatch(/'format'/);
    expect(containsCode.validate!({ format: 'SQL', language: 'sql' })).toMatch(/unknown parameter 'language'/);
    expect(containsCode.validate!({ format: 'SQL', not: 'true' })).toMatch(/'not' must be true or false/);
    expect(containsCode.validate!({ format: 'Dockerfile', not: true })).toBeUndefined();
    expect(containsCode.validate!({ format: ' ' })).toMatch(/'format' must name a language/);
    expect(containsCode.validate!({ format: ' Python ' })).toBeUndefined();
  });
});
