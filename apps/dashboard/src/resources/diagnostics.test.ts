import { describe, expect, it } from 'vitest';
import { placeMessages } from './diagnostics';

const text = 'kind: VirtualService\nspec:\n  hosts: []\n';

describe('placeMessages', () => {
  it('uses line and column, then the field, then the top', () => {
    const [byLine, byField, top] = placeMessages(text, [
      { level: 'error', message: 'bad indent', line: 2, column: 1 },
      { level: 'warning', message: 'empty', field: 'spec.hosts', code: 'SM0001' },
      { level: 'info', message: 'note' },
    ]);
    expect(text.slice(byLine!.from, byLine!.to)).toBe('spec:');
    expect(byField).toMatchObject({ severity: 'warning', message: 'SM0001 spec.hosts: empty' });
    expect(text.slice(byField!.from, byField!.to)).toBe('hosts: []');
    expect(top).toEqual({ from: 0, to: 0, severity: 'info', message: 'note' });
  });
});
