import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  formatDuration,
  graphRequestPath,
  parseDuration,
  readView,
  writeView,
} from './graphView';

describe('parseDuration', () => {
  it.each([
    ['60s', 60],
    ['5m', 300],
    ['1h', 3600],
    ['90', 90],
    [' 10s ', 10],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '0s', '-5s', '1.5m', '5d', 'abc'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('writes the shortest exact unit', () => {
    expect(formatDuration(10)).toBe('10s');
    expect(formatDuration(90)).toBe('90s');
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(7200)).toBe('2h');
  });
});

describe('readView / writeView', () => {
  it('reads an empty query as the default view and writes it back as empty', () => {
    expect(readView(new URLSearchParams())).toEqual(DEFAULT_VIEW);
    expect(writeView(DEFAULT_VIEW).toString()).toBe('');
  });

  it('round-trips every field', () => {
    const view = {
      namespaces: ['a', 'b'],
      graphType: 'workload' as const,
      durationSeconds: 300,
      edgeLabel: 'p95' as const,
      find: 'rps > 10',
      hide: 'version = v2',
      focus: 'edge:x',
      table: true,
    };
    const params = writeView(view);
    expect(params.get('duration')).toBe('5m');
    expect(params.get('namespaces')).toBe('a,b');
    expect(readView(new URLSearchParams(params.toString()))).toEqual(view);
  });

  it('falls back to defaults for unknown values, and sorts and dedupes namespaces', () => {
    const view = readView(
      new URLSearchParams('graphType=mesh&edgeLabel=bytes&duration=forever&namespaces=b,,a,b'),
    );
    expect(view.graphType).toBe('versionedApp');
    expect(view.edgeLabel).toBe('rps');
    expect(view.durationSeconds).toBe(60);
    expect(view.namespaces).toEqual(['a', 'b']);
  });

  it('keeps parameters it does not own', () => {
    const params = writeView({ ...DEFAULT_VIEW, find: 'mirror' }, new URLSearchParams('other=1&find=old'));
    expect(params.get('other')).toBe('1');
    expect(params.get('find')).toBe('mirror');
  });
});

describe('graphRequestPath', () => {
  it('names the namespaces only when some are chosen', () => {
    expect(graphRequestPath({ namespaces: [], graphType: 'app', durationSeconds: 60 })).toBe(
      '/api/v1/graph?graphType=app&duration=60s',
    );
    expect(graphRequestPath({ namespaces: ['a', 'b'], graphType: 'app', durationSeconds: 10 })).toBe(
      '/api/v1/graph?namespaces=a%2Cb&graphType=app&duration=10s',
    );
  });
});
