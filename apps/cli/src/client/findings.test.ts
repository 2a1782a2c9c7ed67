import type { Finding } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { formatFinding, sortFindings, uniqueFindings } from './findings.js';

const finding = (level: Finding['level'], code: Finding['code'], name: string, field?: string): Finding => ({
  code,
  level,
  message: `message about ${name}`,
  resource: { kind: 'VirtualService', namespace: 'default', name },
  ...(field ? { field } : {}),
});

describe('findings like istioctl analyze', () => {
  it('prints level, code, object, source, message and field', () => {
    expect(
      formatFinding(finding('error', 'SM0101', 'x', 'spec.http[0].route[0].destination.host'), 'vs.yaml:3'),
    ).toBe(
      'Error [SM0101] (VirtualService default/x vs.yaml:3) message about x (at spec.http[0].route[0].destination.host)',
    );
    expect(formatFinding(finding('warning', 'SM0201', 'y'))).toBe(
      'Warning [SM0201] (VirtualService default/y) message about y',
    );
    expect(formatFinding(finding('info', 'SM0402', 'z'))).toMatch(/^Info \[SM0402\]/);
  });

  it('sorts errors first and drops exact repeats', () => {
    const list = [
      finding('info', 'SM0402', 'a'),
      finding('error', 'SM0101', 'b'),
      finding('warning', 'SM0201', 'a'),
    ];
    expect(sortFindings(list).map((f) => f.level)).toEqual(['error', 'warning', 'info']);
    expect(uniqueFindings([...list, finding('info', 'SM0402', 'a')])).toHaveLength(3);
  });
});
