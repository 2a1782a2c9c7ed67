import { describe, expect, it } from 'vitest';
import { shadowHostRewriter } from './shadow-host.js';

describe('shadowHostRewriter', () => {
  it('rewrites the host with and without port', () => {
    const rewrite = shadowHostRewriter('httpbin-shadow:8000')!;
    expect(rewrite('{"Host": "httpbin-shadow:8000"}')).toBe('{"Host": "httpbin:8000"}');
    expect(rewrite('host=HTTPBIN-SHADOW end')).toBe('host=httpbin end');
    expect(rewrite('Host is httpbin-shadow.')).toBe('Host is httpbin.');
  });

  it('leaves other names alone', () => {
    const rewrite = shadowHostRewriter('httpbin-shadow')!;
    expect(rewrite('httpbin-shadowed httpbin-shadow-2 httpbin-shadow.example.com')).toBe(
      'httpbin-shadowed httpbin-shadow-2 httpbin-shadow.example.com',
    );
  });

  it('handles FQDNs and userinfo', () => {
    const rewrite = shadowHostRewriter('u@httpbin.default.svc.cluster.local-shadow:80')!;
    expect(rewrite('http://httpbin.default.svc.cluster.local-shadow:80/get')).toBe(
      'http://httpbin.default.svc.cluster.local:80/get',
    );
  });

  it('is null without a -shadow suffix', () => {
    expect(shadowHostRewriter('httpbin:8000')).toBeNull();
    expect(shadowHostRewriter('-shadow')).toBeNull();
  });
});
