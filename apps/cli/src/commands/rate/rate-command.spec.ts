import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerRateCommand } from '../rate.command';

const dir = mkdtempSync(join(tmpdir(), 'arena-rate-'));

function file(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(args: readonly string[]): Promise<string> {
  const program = new Command('arena').exitOverride();
  registerRateCommand(program);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'arena', 'rate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

const good = [
  '{"a":"alpha@1","b":"beta@1","winner":"a","category":"pick"}',
  '',
  '{"a":"beta@1","b":"gamma@2","winner":"a"}',
  '{"a":"gamma@2","b":"alpha@1","winner":"both_bad","propensity":0.25}',
];

describe('arena rate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the JSON table for a valid file', async () => {
    const out = JSON.parse(await run(['--input', file('good.jsonl', good)]));
    expect(Object.keys(out).slice(0, 4)).toEqual(['method', 'inputDigest', 'trials', 'rows']);
    expect(out.method).toBe('bt');
    expect(out.trials).toBe(3);
    expect(out.rows).toHaveLength(3);
  });

  it('prints the same bytes twice (bootstrap with a seed)', async () => {
    const path = file('same.jsonl', good);
    const args = ['--input', path, '--ci', 'bootstrap', '--rounds', '20', '--seed', '9'];
    expect(await run(args)).toBe(await run(args));
  });

  it('supports table and csv output, and other methods', async () => {
    const path = file('formats.jsonl', good);
    expect(await run(['--input', path, '--format', 'table', '--method', 'elo'])).toMatch(
      /^method elo · 3 trials/,
    );
    const csv = await run(['--input', path, '--format', 'csv', '--method', 'task']);
    expect(csv.split('\n')[0]).toBe('board,rank,policy,rating,ci_low,ci_high,rank_range,n,wins,losses,ties');
    expect(csv).toContain('\npick,');
  });

  it('names the line and the field of a bad record', async () => {
    const path = file('bad.jsonl', [good[0], '{"a":"x","b":"y","winner":"c"}']);
    await expect(run(['--input', path])).rejects.toThrow(
      `${path}:2: winner: expected one of a|b|tie|both_bad`,
    );
  });

  it('names the line of malformed JSON, a missing field and a self-comparison', async () => {
    await expect(run(['--input', file('json.jsonl', ['{"a":'])])).rejects.toThrow(
      /json\.jsonl:1: not valid JSON/,
    );
    await expect(run(['--input', file('missing.jsonl', ['{"b":"y","winner":"a"}'])])).rejects.toThrow(
      /missing\.jsonl:1: a: expected string, received undefined/,
    );
    await expect(run(['--input', file('self.jsonl', ['{"a":"x","b":"x","winner":"a"}'])])).rejects.toThrow(
      /self\.jsonl:1: b: must differ from a/,
    );
  });

  it('reports an unreadable file', async () => {
    await expect(run(['--input', join(dir, 'absent.jsonl')])).rejects.toThrow(
      /cannot read the input file \(ENOENT\)/,
    );
  });
});
