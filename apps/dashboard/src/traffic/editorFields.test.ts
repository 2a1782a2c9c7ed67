import { describe, expect, it } from 'vitest';
import { type EditorField, editorFieldOf, fieldKey, messagesByField } from './editorFields';

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
