// Small parsers of the proxy: authorities, request targets, peer metadata, the access-log ring.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AccessLog } from './access-log.js';
import { formatHostPort, parseHostPort, splitAuthority } from './host-port.js';
import { decodePeer, encodePeer } from './peer-identity.js';
import { requestTarget } from './request-target.js';

describe('authorities', () => {
  it.each([
    ['httpbin:8000', { host: 'httpbin', port: 8000 }],
    ['httpbin', { host: 'httpbin', port: null }],
    ['[::1]:80', { host: '::1', port: 80 }],
    ['[::1]', { host: '::1', port: null }],
    ['example.com:', { host: 'example.com:', port: null }],
  ])('splits %s', (authority, expected) => {
    expect(splitAuthority(authority)).toEqual(expected);
  });

  it('parses and formats HOST:PORT', () => {
    expect(parseHostPort('[::1]:15001', '--x')).toEqual({ host: '::1', port: 15001 });
    expect(formatHostPort('::1', 1)).toBe('[::1]:1');
    expect(() => parseHostPort(':80', '--x')).toThrow(/^--x:/);
  });
});

describe('requestTarget', () => {
  const req = (url: string, host?: string) => ({ url, headers: host ? { host } : {} }) as IncomingMessage;
  it.each([
    ['http://httpbin:8000/headers', undefined, { authority: 'httpbin:8000', path: '/headers', port: 8000 }],
    ['http://httpbin?x=1', undefined, { authority: 'httpbin', path: '/?x=1', port: 80 }],
    ['HTTP://Example.com/a#frag', undefined, { authority: 'Example.com', path: '/a', port: 80 }],
    ['/status/200', 'httpbin:8000', { authority: 'httpbin:8000', path: '/status/200', port: 8000 }],
    ['/x', undefined, { authority: '', path: '/x', port: 80 }],
  ])('reads %s (Host %s)', (url, host, expected) => {
    expect(requestTarget(req(url, host), 80)).toEqual(expected);
  });
});

describe('peer metadata', () => {
  it('round-trips and tolerates garbage', () => {
    const peer = {
      workload: 'sleep',
      namespace: 'default',
      app: 'sl;eep',
      version: 'v=1',
      service: 'a.b.svc.cluster.local',
    };
    expect(decodePeer(encodePeer(peer))).toEqual(peer);
    expect(decodePeer('w=%E0%A4%A;zz;n=')).toMatchObject({ workload: 'unknown', namespace: 'unknown' });
    expect(decodePeer(undefined).workload).toBe('unknown');
  });
});

describe('AccessLog', () => {
  it('keeps the newest entries in a ring and pages by sequence number', () => {
    const log = new AccessLog(3, null);
    const entry = {
      method: 'GET',
      path: '/',
      authority: 'a',
      status: 200,
      flags: '-',
      durationMs: 1,
      requestId: 'r',
      shadow: false,
      sourceWorkload: 'x',
      bytesReceived: 0,
      bytesSent: 0,
    };
    for (let i = 0; i < 5; i++) log.add({ ...entry, path: `/${i}` });
    expect(log.since(0, 100).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(3, 100).map((e) => e.path)).toEqual(['/3', '/4']);
    expect(log.since(0, 1).map((e) => e.seq)).toEqual([5]);
    expect(log.since(5, 10)).toEqual([]);
  });
});
