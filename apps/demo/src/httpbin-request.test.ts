import { describe, expect, it } from 'vitest';
import { canonicalHeaderName, jsonSafe, semiFlatten } from './httpbin-request.js';

describe('canonicalHeaderName (Werkzeug spelling)', () => {
  it.each([
    ['host', 'Host'],
    ['user-agent', 'User-Agent'],
    ['X-REQUEST-ID', 'X-Request-Id'],
    ['x-b3-traceid', 'X-B3-Traceid'],
    ['x-b3traceid', 'X-B3Traceid'],
    ['x-envoy-attempt-count', 'X-Envoy-Attempt-Count'],
    ['x_under_score', 'X-Under-Score'],
    ['content-md5', 'Content-Md5'],
  ])('%s → %s', (name, expected) => {
    expect(canonicalHeaderName(name)).toBe(expected);
  });
});

describe('semiFlatten and jsonSafe', () => {
  it('keeps one value as a string and several as a list', () => {
    expect(semiFlatten(new URLSearchParams('a=1&b=2&b=3&c='))).toEqual({ a: '1', b: ['2', '3'], c: '' });
  });

  it('keeps UTF-8 text and turns other bytes into a data: URL', () => {
    expect(jsonSafe(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(jsonSafe(new Uint8Array([0xff]), 'image/png')).toBe('data:image/png;base64,/w==');
  });
});
