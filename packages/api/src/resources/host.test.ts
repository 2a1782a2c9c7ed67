import { describe, expect, it } from 'vitest';
import { hostMatches, resolveHost, splitServiceHost } from './host.js';

describe('resolveHost', () => {
  it.each([
    ['httpbin', 'default', 'httpbin.default.svc.cluster.local'],
    ['httpbin', 'music', 'httpbin.music.svc.cluster.local'],
    ['httpbin.foo', 'default', 'httpbin.foo.svc.cluster.local'],
    ['httpbin.foo.svc', 'default', 'httpbin.foo.svc.cluster.local'],
    ['httpbin.foo.svc.cluster.local', 'bar', 'httpbin.foo.svc.cluster.local'],
    ['api.example.com', 'default', 'api.example.com'],
    ['httpbin.org', 'default', 'httpbin.org'],
    ['*', 'default', '*'],
    ['*.example.com', 'default', '*.example.com'],
    ['10.0.0.1', 'default', '10.0.0.1'],
    ['HTTPBIN', 'default', 'httpbin.default.svc.cluster.local'],
  ])('%s in %s → %s', (host, ns, fqdn) => {
    expect(resolveHost(host, ns)).toBe(fqdn);
  });

  it('uses known namespaces for one-dot names when given', () => {
    const namespaces = new Set(['default', 'foo']);
    expect(resolveHost('httpbin.foo', 'default', { namespaces })).toBe('httpbin.foo.svc.cluster.local');
    expect(resolveHost('example.bar', 'default', { namespaces })).toBe('example.bar');
  });

  it('splits service FQDNs', () => {
    expect(splitServiceHost('httpbin.foo.svc.cluster.local')).toEqual({ name: 'httpbin', namespace: 'foo' });
    expect(splitServiceHost('api.example.com')).toBeNull();
  });

  it('matches wildcard patterns', () => {
    expect(hostMatches('*', 'a.b')).toBe(true);
    expect(hostMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('api.example.com', 'API.example.com')).toBe(true);
  });
});
