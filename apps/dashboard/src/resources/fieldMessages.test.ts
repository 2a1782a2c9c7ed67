import type { Finding } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { countLevels, dedupeMessages, errorMessages, findingMessages } from './fieldMessages';

const finding = (name: string, level: Finding['level'], field?: string): Finding => ({
  code: 'SM0302',
  level,
  message: `${name} ${level}`,
  resource: { kind: 'VirtualService', namespace: 'default', name },
  ...(field ? { field } : {}),
});

describe('findingMessages', () => {
  it('keeps the findings about the object', () => {
    const messages = findingMessages(
      [finding('httpbin', 'error', 'spec.http[0].mirrorPercentage.value'), finding('other', 'warning')],
      { kind: 'VirtualService', namespace: 'default', name: 'httpbin' },
    );
    expect(messages).toEqual([
      {
        level: 'error',
        message: 'httpbin error',
        code: 'SM0302',
        field: 'spec.http[0].mirrorPercentage.value',
      },
    ]);
  });
});

describe('errorMessages', () => {
  it('turns field errors into error messages', () => {
    expect(
      errorMessages([
        { field: 'spec.hosts', message: 'is required', line: 3, column: 1 },
        { field: '(root)', message: 'bad' },
      ]),
    ).toEqual([
      { level: 'error', message: 'is required', field: 'spec.hosts', line: 3, column: 1 },
      { level: 'error', message: 'bad' },
    ]);
  });
});

describe('countLevels', () => {
  it('counts', () => {
    expect(
      countLevels([
        { level: 'error', message: 'a' },
        { level: 'info', message: 'b' },
        { level: 'error', message: 'c' },
      ]),
    ).toEqual({
      error: 2,
      warning: 0,
      info: 1,
    });
  });
});

describe('dedupeMessages', () => {
  it('drops repeats of the same level, field and message', () => {
    const m = { level: 'error' as const, message: 'x', field: 'spec.a' };
    expect(dedupeMessages([m, { ...m }, { ...m, level: 'warning' as const }])).toHaveLength(2);
  });
});
