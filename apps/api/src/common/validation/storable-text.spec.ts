import { describe, expect, it } from 'vitest';
import { unstorableTextProblems } from './storable-text';

describe('unstorableTextProblems', () => {
  it('names NUL characters and lone surrogates wherever they are', () => {
    expect(
      unstorableTextProblems({ instruction: 'a\u0000b', items: [{ note: 'x\ud800' }], ok: '𝔘 🤖' }, 'body'),
    ).toEqual([
      { field: 'body.instruction', problem: 'must not contain the NUL character (U+0000)' },
      { field: 'body.items[0].note', problem: expect.stringContaining('well-formed Unicode') },
    ]);
    expect(unstorableTextProblems('\udfff', 'query')).toEqual([
      { field: 'query', problem: expect.stringContaining('lone UTF-16 surrogate') },
    ]);
    expect(unstorableTextProblems({ ['k\u0000']: 1 }, 'body')[0]!.problem).toMatch(/^its keys must not/);
  });

  it('accepts any well-formed text, numbers and nulls', () => {
    expect(
      unstorableTextProblems({ a: 'Grüße, 世界, \u202e, 🤖', b: 1, c: null, d: [true] }, 'body'),
    ).toEqual([]);
  });
});
