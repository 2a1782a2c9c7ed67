import { describe, expect, it } from 'vitest';
import { servicePortProtocol } from './service.js';

describe('servicePortProtocol', () => {
  it.each([
    [{ name: 'http' }, 'HTTP'],
    [{ name: 'http-web' }, 'HTTP'],
    [{ name: 'http2' }, 'HTTP2'],
    [{ name: 'grpc' }, 'GRPC'],
    [{ name: 'grpc-web' }, 'GRPC-WEB'],
    [{ name: 'tcp-db' }, 'TCP'],
    [{ name: 'web', appProtocol: 'http' }, 'HTTP'],
    [{ name: 'tcp', appProtocol: 'grpc' }, 'GRPC'],
    [{ name: 'x', appProtocol: 'kubernetes.io/h2c' }, 'HTTP2'],
    [{ name: 'dns', protocol: 'UDP' as const }, 'UDP'],
    [{ name: 'web' }, undefined],
    [{}, undefined],
  ])('%j → %s', (port, protocol) => {
    expect(servicePortProtocol(port)).toBe(protocol);
  });
});
