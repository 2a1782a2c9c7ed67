import { toIstioManifest } from '@shadowmesh/api';
import { STORED_VIRTUAL_SERVICE as stored } from '@shadowmesh/api/testing';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toJsonOutput, toYamlDocument, toYamlDocuments } from './yaml-output.js';

describe('YAML and JSON output', () => {
  it('writes YAML that kubectl would read back: quotes "*", never folds long strings', () => {
    const long = `prefix-${'x'.repeat(200)}`;
    const text = toYamlDocument({ spec: { hosts: ['*'], note: long } });
    expect(text).toContain('- "*"');
    expect(text).toContain(long);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('separates several objects with --- and parses back to the same objects', () => {
    const a = toIstioManifest(stored);
    const b = { ...a, metadata: { name: 'other', namespace: 'default' } };
    const text = toYamlDocuments([a, b]);
    expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
    expect(parseAllDocuments(text).map((d) => d.toJSON())).toEqual([a, b]);
  });

  it('prints one JSON object, or a v1 List for several', () => {
    expect(JSON.parse(toJsonOutput([{ a: 1 }], true))).toEqual({ a: 1 });
    expect(JSON.parse(toJsonOutput([{ a: 1 }], false))).toEqual({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ a: 1 }],
    });
    expect(toJsonOutput([{ a: 1 }], true)).toBe('{\n    "a": 1\n}\n');
  });
});
