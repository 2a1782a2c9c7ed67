import { describe, expect, it } from 'vitest';
import { formatAge } from './formatAge';

describe('formatAge', () => {
  const now = Date.parse('2026-01-02T12:00:00Z');
  it.each([
    ['2026-01-02T12:00:00Z', 'just now'],
    ['2026-01-02T12:00:05Z', 'just now'],
    ['2026-01-02T11:59:18Z', '42s ago'],
    ['2026-01-02T11:55:00Z', '5m ago'],
    ['2026-01-02T09:00:00Z', '3h ago'],
    ['2025-12-30T12:00:00Z', '3d ago'],
    ['garbage', 'unknown'],
  ])('%s → %s', (iso, want) => {
    expect(formatAge(iso, now)).toBe(want);
  });
});
