import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROXY_ERROR_CODES } from './errors.js';
import { LOCAL_REPLY_TEXT } from './local-reply.js';

describe('error catalogue', () => {
  it('documents every error code and response flag in the README', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(PROXY_ERROR_CODES)) expect(readme, code).toContain(`\`${code}\``);
    for (const flag of Object.keys(LOCAL_REPLY_TEXT)) expect(readme, flag).toContain(`\`${flag}\``);
  });
});
