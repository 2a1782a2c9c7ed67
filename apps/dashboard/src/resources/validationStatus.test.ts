import type { Finding } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { objectKey, statusByObject, statusText, VALID } from './validationStatus';

const f = (name: string, level: Finding['level']): Finding => ({
  code: 'SM0103',
  level,
  message: 'm',
  resource: { kind: 'VirtualService', namespace: 'default', name },
});

describe('statusByObject', () => {
  it('counts per object and takes the worst level', () => {
    const statuses = statusByObject([f('a', 'warning'), f('a', 'error'), f('b', 'info')]);
    const a = statuses.get(objectKey('VirtualService', 'default', 'a'))!;
    expect([a.state, a.errors, a.warnings]).toEqual(['error', 1, 1]);
    expect(statusText(a)).toBe('1 error, 1 warning');
    expect(statuses.get(objectKey('VirtualService', 'default', 'b'))?.state).toBe('info');
    expect(statusText(VALID)).toBe('valid');
  });
});
