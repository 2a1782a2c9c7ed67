import { describe, expect, it } from 'vitest';
import {
  type EditorField,
  editorFieldOf,
  fieldKey,
  gatewayEditorFieldOf,
  messagesByField,
} from './editorFields';
import { handWrittenRule } from './testHttpRoute';

describe('editorFieldOf', () => {
  it.each<[string | undefined, EditorField]>([
    ['spec.http[0].route[1].weight', { kind: 'weight', route: 0, destination: 1 }],
    ['spec.http[0].route[1].destination.subset', { kind: 'destination', route: 0, destination: 1 }],
    ['spec.http[0].mirrorPercentage.value', { kind: 'mirrorPercentage', route: 0, mirror: 0 }],
    ['spec.http[2].mirrorPercent', { kind: 'mirrorPercentage', route: 2, mirror: 0 }],
    ['spec.http[0].mirror.host', { kind: 'mirrorTarget', route: 0, mirror: 0 }],
    ['spec.http[0].mirrors[1].percentage.value', { kind: 'mirrorPercentage', route: 0, mirror: 1 }],
    ['spec.http[0].mirrors[1].destination.subset', { kind: 'mirrorTarget', route: 0, mirror: 1 }],
    ['spec.http[0].route', { kind: 'route', route: 0 }],
    ['spec.http[0].timeout', { kind: 'route', route: 0 }],
    ['spec.hosts[0]', { kind: 'general' }],
    ['metadata.name', { kind: 'general' }],
    [undefined, { kind: 'general' }],
    ['not a [path', { kind: 'general' }],
  ])('%s', (path, want) => {
    expect(editorFieldOf(path)).toEqual(want);
  });
});

describe('messagesByField', () => {
  it('groups by input with errors first', () => {
    const groups = messagesByField([
      { level: 'warning', message: 'w', field: 'spec.http[0].mirrorPercentage.value' },
      { level: 'error', message: 'e', field: 'spec.http[0].mirrorPercentage.value' },
      { level: 'info', message: 'i' },
    ]);
    expect(
      groups.get(fieldKey({ kind: 'mirrorPercentage', route: 0, mirror: 0 }))?.map((m) => m.message),
    ).toEqual(['e', 'w']);
    expect(groups.get('general')?.map((m) => m.message)).toEqual(['i']);
  });
});

describe('gatewayEditorFieldOf', () => {
  const rules = [handWrittenRule()];
  it.each<[string | undefined, EditorField]>([
    ['spec.rules[0].backendRefs[1].weight', { kind: 'weight', route: 0, destination: 1 }],
    ['spec.rules[0].backendRefs[2].port', { kind: 'destination', route: 0, destination: 2 }],
    // filters[0] and filters[2] are the rule's mirrors 0 and 1 (filters[1] modifies headers).
    ['spec.rules[0].filters[0].requestMirror.percent', { kind: 'mirrorPercentage', route: 0, mirror: 0 }],
    [
      'spec.rules[0].filters[2].requestMirror.fraction.numerator',
      { kind: 'mirrorPercentage', route: 0, mirror: 1 },
    ],
    ['spec.rules[0].filters[2].requestMirror.backendRef.port', { kind: 'mirrorTarget', route: 0, mirror: 1 }],
    ['spec.rules[0].filters[1].requestHeaderModifier', { kind: 'route', route: 0 }],
    ['spec.rules[0].timeouts.request', { kind: 'route', route: 0 }],
    ['spec.parentRefs[0].port', { kind: 'general' }],
    ['spec.http[0].route[0].weight', { kind: 'general' }],
  ])('%s', (path, want) => {
    expect(gatewayEditorFieldOf(path, rules)).toEqual(want);
  });

  it('groups messages by it when given', () => {
    const groups = messagesByField(
      [{ level: 'error', message: 'too big', field: 'spec.rules[0].filters[2].requestMirror.percent' }],
      (path) => gatewayEditorFieldOf(path, rules),
    );
    expect(groups.get(fieldKey({ kind: 'mirrorPercentage', route: 0, mirror: 1 }))?.[0]?.message).toBe(
      'too big',
    );
  });
});
