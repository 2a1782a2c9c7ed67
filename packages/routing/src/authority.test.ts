import { describe, expect, it } from 'vitest';
import { parseAuthority, shadowAuthority } from './authority.js';

describe('shadowAuthority (Envoy shadow_writer_impl.cc: -shadow before any port)', () => {
  it.each([
    [
      'host with port: suffix before the port (envoy #2595 fix, PR #2600)',
      'httpbin:8000',
      'httpbin-shadow:8000',
    ],
    ['host without port', 'httpbin', 'httpbin-shadow'],
    ['FQDN', 'httpbin.default.svc.cluster.local', 'httpbin.default.svc.cluster.local-shadow'],
    ['IPv4 with port (ShadowedClusterHostHeaderAppendsSuffixAddresses)', '10.0.0.1:80', '10.0.0.1-shadow:80'],
    ['IPv6 with port stays bracketed', '[::1]:80', '[::1]-shadow:80'],
    ['IPv6 without port', '[::1]', '[::1]-shadow'],
    ['public name (sni.lyft.com → sni.lyft.com-shadow)', 'sni.lyft.com', 'sni.lyft.com-shadow'],
  ])('%s', (_name, input, expected) => {
    expect(shadowAuthority(input)).toBe(expected);
  });
});

describe('parseAuthority', () => {
  it.each([
    ['short name with port', 'httpbin:8000', 'httpbin', 8000],
    ['upper case and trailing dot are normalised', 'HttpBin.Example.COM.', 'httpbin.example.com', null],
    ['IPv6 with port', '[::1]:8080', '[::1]', 8080],
    ['bare IPv6 has no port', '::1', '::1', null],
    ['non-numeric port is dropped', 'httpbin:abc', 'httpbin', null],
    ['port out of range is dropped', 'httpbin:70000', 'httpbin', null],
    ['empty authority', '', '', null],
  ])('%s', (_name, input, host, port) => {
    expect(parseAuthority(input)).toEqual({ host, port });
  });
});
