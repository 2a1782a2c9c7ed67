import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { parseManifests } from './parse-manifests.js';
import { parseYamlDocuments } from './yaml-documents.js';

const CASES = [
  'a: 1\nb: 2\na: 3\n',
  'metadata:\n  name: a\n  labels: {x: 1, y: 2, x: 3}\n  name: b\n',
  '- {a: 1, a: 1}\n- a: 1\n  b: 2\n  "a": 3\n',
  'a: 1\n---\nb: 1\nb: 2\n---\n1: x\n"1": y\n1: z\n',
  '? [x]\n: 1\n? [x]\n: 2\n', // collection keys are never equal, in the library either
  'x: &k 1\ny: *k\n',
  '&a key: 1\nkey: 2\n',
];

/** What callers read of a document's errors. */
const errorsOf = (docs: ReturnType<typeof parseYamlDocuments>) =>
  docs.map((d) =>
    d.errors.map((e) => ({ code: e.code, pos: e.pos[0], message: e.message, at: e.linePos?.[0] })),
  );

describe('parseYamlDocuments', () => {
  it.each(CASES)('reports duplicate keys as the yaml library does: %j', (text) => {
    const lineCounter = new LineCounter();
    const ours = parseYamlDocuments(text, { lineCounter, prettyErrors: true, logLevel: 'silent' });
    const theirs = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: true });
    const list = Array.isArray(theirs) ? theirs : [];
    // The library's pretty message adds a source excerpt after a colon; the first line is what is shown.
    const firstLine = (docs: typeof ours) =>
      errorsOf(docs).map((es) => es.map((e) => ({ ...e, message: e.message.split(':\n')[0] })));
    expect(firstLine(ours)).toEqual(firstLine(list));
    expect(ours.map((d) => d.toJS())).toEqual(list.map((d) => d.toJS()));
  });

  it('places the error without a line counter too', () => {
    const [doc] = parseYamlDocuments('a: 1\nb:\n  c: 1\n  c: 2\n');
    expect(doc?.errors.map((e) => [e.code, e.linePos?.[0], e.message])).toEqual([
      ['DUPLICATE_KEY', { line: 4, col: 3 }, 'Map keys must be unique at line 4, column 3'],
    ]);
  });

  // The library's own check compared each key with every earlier one: 29,000 keys took 11.5 s in the
  // control plane, and this map (1 MiB, 80,000 keys) took over a minute. Linear, it is well under a second.
  it('reads a 1 MiB map of 80,000 keys, and finds the one repeated at its end', { timeout: 20_000 }, () => {
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: wide', '  labels:'];
    for (let i = 0; i < 80_000; i++) lines.push(`    k${i}: v`);
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(parseYamlDocuments(text)[0]?.errors).toEqual([]);
    const parsed = parseManifests(`${text}    k7: again\n`);
    expect(parsed.errors).toMatchObject([
      {
        field: '(yaml)',
        line: 80_006,
        column: 5,
        message: 'Map keys must be unique at line 80006, column 5',
      },
    ]);
  });
});
