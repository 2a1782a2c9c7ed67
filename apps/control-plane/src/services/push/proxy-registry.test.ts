import { describe, expect, it } from 'vitest';
import { identityOf } from '../../testing/test-proxy.js';
import { type ProxyConnection, ProxyRegistry, syncStatus } from './proxy-registry.js';

function fakeConnection() {
  const log: string[] = [];
  const connection: ProxyConnection = {
    send: (text) => log.push(`send ${String(text)}`),
    close: (code) => log.push(`close ${code}`),
    ping: () => log.push('ping'),
    terminate: () => log.push('terminate'),
  };
  return { connection, log };
}

describe('ProxyRegistry', () => {
  it.each([
    [null, null, null, 'NOT SENT'],
    ['5', null, null, 'STALE'],
    ['5', '4', 'ack', 'STALE'],
    ['5', '5', 'ack', 'SYNCED'],
    ['5', '4', 'nack', 'NACKED'],
    ['6', '5', 'nack', 'NACKED'],
  ] as const)('sent %s, acked %s, last %s ⇒ %s', (sentVersion, ackedVersion, lastResponse, expected) => {
    expect(syncStatus({ sentVersion, ackedVersion, lastResponse })).toBe(expected);
  });

  it('drops proxies silent for a whole heartbeat and pings the others', () => {
    const registry = new ProxyRegistry();
    const quiet = fakeConnection();
    const chatty = fakeConnection();
    registry.register(identityOf({ id: 'quiet.default-1' }), quiet.connection);
    const chattyEntry = registry.register(identityOf({ id: 'chatty.default-1' }), chatty.connection);
    registry.heartbeat();
    expect(quiet.log).toEqual(['ping']);
    registry.touch(chattyEntry);
    registry.heartbeat();
    expect(quiet.log).toEqual(['ping', 'terminate']);
    expect(chatty.log).toEqual(['ping', 'ping']);
  });

  it('replaces a connection with the same proxy id and ignores the old one closing', () => {
    const registry = new ProxyRegistry();
    const first = fakeConnection();
    const second = fakeConnection();
    const identity = identityOf({ id: 'a.default-1', inbound: '127.0.0.1:1' });
    const old = registry.register(identity, first.connection);
    registry.register(identity, second.connection);
    expect(first.log).toEqual(['close 4001']);
    registry.disconnect(old, first.connection);
    expect(registry.statuses()[0]!.connected).toBe(true);
    expect(registry.endpoints()).toHaveLength(1);
  });

  it('forgets disconnected proxies after ten minutes and bumps the endpoints version', () => {
    let now = 1_000_000;
    const registry = new ProxyRegistry(() => now);
    const c = fakeConnection();
    const entry = registry.register(identityOf({ id: 'a.default-1', inbound: '127.0.0.1:1' }), c.connection);
    const version = registry.endpointsVersion;
    registry.disconnect(entry, c.connection);
    expect(registry.endpointsVersion).toBeGreaterThan(version);
    expect(registry.endpoints()).toEqual([]);
    expect(registry.statuses()).toHaveLength(1);
    now += 10 * 60_000 + 1;
    expect(registry.statuses()).toEqual([]);
  });
});
