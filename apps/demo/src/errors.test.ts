import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ERRORS } from './errors.js';

describe('error catalogue', () => {
  it('documents every code in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(DEMO_ERRORS)) expect(readme, code).toContain(`\`${code}\``);
  });
});
