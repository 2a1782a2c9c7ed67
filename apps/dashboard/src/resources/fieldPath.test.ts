import { describe, expect, it } from 'vitest';
import { formatFieldPath, parseFieldPath } from './fieldPath';

describe('parseFieldPath', () => {
  it.each([
    ['spec.http[0].route[1].weight', ['spec', 'http', 0, 'route', 1, 'weight']],
    ['spec.http[0].mirrorPercentage.value', ['spec', 'http', 0, 'mirrorPercentage', 'value']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['spec', ['spec']],
    ['[2].kind', [2, 'kind']],
  ])('%s', (path, want) => {
    expect(parseFieldPath(path)).toEqual(want);
  });

  it.each(['', '.spec', 'spec.', 'spec[', 'spec[x]', 'a["b"x]'])('rejects %j', (path) => {
    expect(parseFieldPath(path)).toBeNull();
  });

  it('round-trips with formatFieldPath', () => {
    for (const path of ['spec.http[0].route[1].weight', 'metadata.labels["app.kubernetes.io/name"]']) {
      expect(formatFieldPath(parseFieldPath(path) ?? [])).toBe(path);
    }
  });
});
