import { describe, expect, it } from 'vitest';
import { isUnspecifiedHost, reachableAddress, servingListener } from './advertised-address.js';

describe('isUnspecifiedHost', () => {
  it.each(['0.0.0.0', '0', '0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0'])('%s is a wildcard', (host) => {
    expect(isUnspecifiedHost(host)).toBe(true);
  });
  it.each(['127.0.0.1', '198.18.0.2', '::1', '[fe80::1]', 'httpbin', 'localhost', '10.0.0.0'])(
    '%s is an address',
    (host) => {
      expect(isUnspecifiedHost(host)).toBe(false);
    },
  );
});

describe('reachableAddress', () => {
  const sidecar = { kind: 'sidecar' as const, inbound: '0.0.0.0:15006', listen: undefined };
  it('is the advertised address when there is one', () => {
    expect(reachableAddress({ ...sidecar, advertise: '198.18.0.2:15006' })).toBe('198.18.0.2:15006');
  });
  it("is a sidecar's inbound, a gateway's listen address, otherwise", () => {
    expect(reachableAddress(sidecar)).toBe('0.0.0.0:15006');
    expect(servingListener({ kind: 'gateway', inbound: null, listen: '10.1.2.3:8080' })).toBe(
      '10.1.2.3:8080',
    );
    expect(reachableAddress({ kind: 'gateway', inbound: null, listen: null, advertise: null })).toBeNull();
  });
});
