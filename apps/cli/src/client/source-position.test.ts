import { parseManifests } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { joinSources, type ManifestSource } from './manifest-input.js';
import { sourceAt } from './source-position.js';

const svc = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;
const bad = (name: string) => svc(name).replace('spec:', 'spec:\n  ports: 1\n  ports: 2');

const SOURCES: ManifestSource[] = [
  { name: 'a.yaml', text: `${svc('a')}---\n${svc('a2')}` }, // two documents, no final newline below
  { name: 'b.yaml', text: svc('b').trimEnd() },
  { name: '<stdin>', text: `%YAML 1.2\n---\n${bad('c')}` },
];

describe('sourceAt', () => {
  it('maps every error the server finds in the joined body to the file and its own line and column', () => {
    const joined = parseManifests(joinSources(SOURCES));
    const alone = parseManifests(SOURCES[2]!.text);
    expect(alone.errors).toHaveLength(2); // two repeated `ports` keys
    expect(joined.errors.map((e) => sourceAt(SOURCES, e))).toEqual(
      alone.errors.map((e) => ({ name: '<stdin>', line: e.line, column: e.column })),
    );
  });

  it('maps each document start, counted as the server counts documents', () => {
    const joined = parseManifests(joinSources(SOURCES.slice(0, 2)));
    expect(joined.entries.map((e) => sourceAt(SOURCES, { document: e.index }))).toEqual([
      { name: 'a.yaml', line: 1 },
      { name: 'a.yaml', line: 8 },
      { name: 'b.yaml', line: 1 },
    ]);
  });

  it('gives a line of the separator to the file it opens, and nothing outside the body', () => {
    // a.yaml is lines 1-14 (14: after its final newline), the separator 15, b.yaml from 16.
    expect(sourceAt(SOURCES, { line: 14, column: 1 })).toEqual({ name: 'a.yaml', line: 14, column: 1 });
    expect(sourceAt(SOURCES, { line: 15, column: 1 })).toEqual({ name: 'b.yaml', line: 1 });
    expect(sourceAt(SOURCES, { line: 16, column: 3 })).toEqual({ name: 'b.yaml', line: 1, column: 3 });
    expect(sourceAt(SOURCES, { line: 10_000 })).toBeUndefined();
    expect(sourceAt(SOURCES, { document: 99 })).toBeUndefined();
    expect(sourceAt(SOURCES, {})).toBeUndefined();
  });

  it('a single source is sent verbatim: positions are its own', () => {
    expect(sourceAt([SOURCES[1]!], { line: 4, column: 9 })).toEqual({ name: 'b.yaml', line: 4, column: 9 });
  });
});
