import { describe, expect, it } from 'vitest';
import { formatAccessEntry, parseAccessLog } from './access-log-lines.js';

const entry = {
  seq: 4,
  time: '2025-05-01T10:00:00.123Z',
  method: 'GET',
  path: '/headers',
  authority: 'httpbin-shadow:8000',
  status: 200,
  flags: '-',
  durationMs: 1.4321,
  requestId: 'abc',
  shadow: true,
  sourceWorkload: 'sleep',
  bytesReceived: 0,
  bytesSent: 10,
};

describe('access log lines', () => {
  it('parses JSON lines, skipping anything else', () => {
    expect(parseAccessLog(`${JSON.stringify(entry)}\nnot json\n\n{"x":1}\n`)).toEqual([entry]);
  });

  it('prints time, method, path, status, duration and the Host as received', () => {
    expect(formatAccessEntry(entry)).toBe(
      '2025-05-01T10:00:00.123Z GET /headers 200 1.4ms Host: httpbin-shadow:8000 shadow from=sleep id=abc',
    );
    expect(
      formatAccessEntry({ ...entry, shadow: false, flags: 'UF', status: 503, authority: 'httpbin:8000' }),
    ).toBe('2025-05-01T10:00:00.123Z GET /headers 503 1.4ms Host: httpbin:8000 flags=UF from=sleep id=abc');
  });
});
