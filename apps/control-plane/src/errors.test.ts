import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CP_ERRORS } from './errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
  const rows = new Map(
    doc
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .filter((cells) => /^`CP_ERR_[A-Z_]+`$/.test(cells[1] ?? ''))
      .map((cells) => [cells[1]!.slice(1, -1), cells[2]!]),
  );

  it.each(Object.keys(CP_ERRORS))('%s is documented in ERRORS.md', (code) => {
    expect(rows.has(code)).toBe(true);
  });

  it('documents no code that does not exist', () => {
    expect([...rows.keys()].filter((c) => !(c in CP_ERRORS))).toEqual([]);
  });

  it('documents the HTTP status of each error as the catalogue has it', () => {
    for (const [code, { status }] of Object.entries(CP_ERRORS)) {
      const documented = rows.get(code);
      if (documented !== undefined && documented !== '—') expect(Number(documented), code).toBe(status);
    }
  });
});
