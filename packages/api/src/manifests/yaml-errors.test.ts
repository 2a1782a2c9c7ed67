import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse-manifests.js';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: good\nspec:\n  ports: [{port: 80}]\n';

// Each malformed input with the first error's document, line, column (1-based) and message.
const CASES: [string, string, number, number, number, RegExp][] = [
  ['over-indented key', 'a: 1\nb:\n  c: 1\n    d: 2\n', 0, 3, 6, /^Nested mappings are not allowed/],
  ['tab indentation', 'a:\n\tb: 1\n', 0, 2, 1, /^Tabs are not allowed as indentation/],
  ['duplicate key', 'metadata:\n  name: a\n  name: b\n', 0, 3, 3, /^Map keys must be unique/],
  ['unclosed double quote', 'a: 1\nb: "x\nc: 2\n', 0, 2, 4, /^Missing closing "quote/],
  ['unclosed single quote', "a:\n  - 'x\n  - y\n", 0, 2, 5, /^Missing closing 'quote/],
  ['second document malformed', `${SERVICE}---\na: 1\n  b: 2\n`, 1, 8, 4, /^Nested mappings are not allowed/],
  ['unclosed flow sequence', 'a: [1, 2\nb: 3\n', 0, 2, 1, /^Flow sequence in block collection must be/],
];

describe('parseManifests: malformed YAML names its place', () => {
  it.each(CASES)('%s', (_, text, document, line, column, message) => {
    const parsed = parseManifests(text);
    expect(parsed.ok).toBe(false);
    const first = parsed.errors[0];
    expect(first).toMatchObject({ field: '(yaml)', document, line, column });
    expect(first?.message).toMatch(message);
    // The message says the same place (the server's and the CLI's text rely on it), on one line.
    expect(first?.message).toMatch(new RegExp(` at line ${line}, column ${column}$`));
    expect(first?.message).not.toMatch(/\n/);
  });

  it('keeps the good document before a malformed one', () => {
    const parsed = parseManifests(`${SERVICE}---\nkind: "unclosed\n`);
    expect(parsed.resources.map((r) => r.metadata.name)).toEqual(['good']);
    expect(parsed.errors[0]).toMatchObject({ document: 1, line: 8, column: 7 });
  });

  it('places an alias bomb at its first alias', () => {
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: lol', '  labels:'];
    lines.push('    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]');
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
      lines.push(`    ${name}: &${name} [${new Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const parsed = parseManifests(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(parsed.errors).toEqual([
      {
        field: '(yaml)',
        message: 'Excessive alias count indicates a resource exhaustion attack at line 7, column 12',
        document: 0,
        line: 7,
        column: 12,
      },
    ]);
  });
});
