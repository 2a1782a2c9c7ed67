import { describe, expect, it } from 'vitest';
import { validateResource } from '../validation/validate-resource.js';
import { fieldPathProblems } from './manifest-invariants.js';

const route = (spec: unknown) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r' },
  spec,
});

describe('fieldPathProblems', () => {
  it('accepts fields that exist, and missing fields of objects that exist', () => {
    const input = route({ rules: [{ backendRefs: [{ name: 'a' }] }] });
    const result = validateResource(input);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['spec.rules[0].backendRefs[0].port']);
    expect(fieldPathProblems(input, result)).toEqual([]);
    const missing = { ...input, spec: undefined };
    expect(fieldPathProblems(missing, validateResource(missing))).toEqual([]);
  });

  it('names a field whose parent is not in the input', () => {
    const input = route({});
    expect(
      fieldPathProblems(input, { ok: false, errors: [{ field: 'spec.rules[3].matches', message: 'x' }] }),
    ).toEqual(['error field spec.rules[3].matches names no place in the input']);
    expect(fieldPathProblems(input, { ok: false, errors: [{ field: '(root)', message: 'x' }] })).toEqual([]);
  });
});
