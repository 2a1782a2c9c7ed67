import type { ProxyIdentity } from '@shadowmesh/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityOf } from '../../testing/test-proxy.js';
import { type EndpointMemory, type ProxyConnection, ProxyRegistry, syncStatus } from './proxy-registry.js';

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

afterEach(() => {
  vi.useRealTimers();
});

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
    const registry = new ProxyRegistry({ now: () => now });
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

  it('lists two live proxies of one workload as two instances, each with its endpoint', () => {
    const registry = new ProxyRegistry();
    const a = fakeConnection();
    const b = fakeConnection();
    registry.register(identityOf({ id: 'httpbin.default-aaaaaa', inbound: '127.0.0.1:1' }), a.connection);
    registry.register(identityOf({ id: 'httpbin.default-bbbbbb', inbound: '127.0.0.1:2' }), b.connection);
    expect(registry.statuses().map((s) => [s.proxy.id, s.connected])).toEqual([
      ['httpbin.default-aaaaaa', true],
      ['httpbin.default-bbbbbb', true],
    ]);
    expect(registry.endpoints().map((e) => e.address)).toEqual(['127.0.0.1:1', '127.0.0.1:2']);
    expect([a.log, b.log]).toEqual([[], []]);
  });

  it.each([
    ['disconnected', true],
    ['still connected (a dead peer not noticed yet)', false],
  ])('takes a restarted instance (new id, same address) over from the old entry when %s', (_, gone) => {
    const registry = new ProxyRegistry();
    const old = fakeConnection();
    const oldEntry = registry.register(
      identityOf({ id: 'httpbin.default-aaaaaa', inbound: '127.0.0.1:1' }),
      old.connection,
    );
    if (gone) registry.disconnect(oldEntry, old.connection);
    const fresh = fakeConnection();
    registry.register(identityOf({ id: 'httpbin.default-cccccc', inbound: '127.0.0.1:1' }), fresh.connection);
    expect(old.log).toEqual(gone ? [] : ['close 4001']);
    registry.disconnect(oldEntry, old.connection);
    expect(registry.statuses().map((s) => [s.proxy.id, s.connected])).toEqual([
      ['httpbin.default-cccccc', true],
    ]);
    expect(registry.endpoints().map((e) => e.proxyId)).toEqual(['httpbin.default-cccccc']);
  });

  it('keeps endpoints in its memory: saved on connect, forgotten soon after the proxy leaves, kept at shutdown', () => {
    vi.useFakeTimers();
    const memory = memoryOf([]);
    const registry = new ProxyRegistry({ memory, forgetDelayMs: 1_000 });
    const [a, b, c, client] = [fakeConnection(), fakeConnection(), fakeConnection(), fakeConnection()];
    const entryA = registry.register(identityOf({ id: 'a.default-1', inbound: '127.0.0.1:1' }), a.connection);
    const entryB = registry.register(identityOf({ id: 'b.default-1', inbound: '127.0.0.1:2' }), b.connection);
    const entryC = registry.register(identityOf({ id: 'c.default-1', inbound: '127.0.0.1:4' }), c.connection);
    registry.register(identityOf({ id: 'sleep.default-1', outbound: '127.0.0.1:3' }), client.connection);
    expect([...memory.kept.keys()]).toEqual(['a.default-1', 'b.default-1', 'c.default-1']);
    registry.disconnect(entryA, a.connection);
    // c drops and is back within the delay (a blip): it stays.
    registry.disconnect(entryC, c.connection);
    registry.register(entryC.identity, fakeConnection().connection);
    vi.advanceTimersByTime(1_000);
    expect([...memory.kept.keys()]).toEqual(['b.default-1', 'c.default-1']);
    // Shutdown: the connections close (the session reports each), then the registry; b is kept.
    registry.disconnect(entryB, b.connection);
    registry.close(1001, 'control plane shutting down');
    vi.advanceTimersByTime(1_000);
    expect([...memory.kept.keys()]).toEqual(['b.default-1', 'c.default-1']);
  });

  it('publishes restored endpoints until their proxy reconnects or the grace ends', () => {
    let now = 1_000_000;
    const kept = [
      identityOf({ id: 'httpbin-v1.default-1', inbound: '127.0.0.1:1' }),
      identityOf({ id: 'httpbin-v2.default-1', inbound: '127.0.0.1:2' }),
    ];
    const memory = memoryOf(kept);
    const registry = new ProxyRegistry({ now: () => now, memory, restoreGraceMs: 30_000 });
    let changes = 0;
    registry.onEndpointsChange(() => changes++);
    expect(registry.endpoints().map((e) => e.proxyId)).toEqual([
      'httpbin-v1.default-1',
      'httpbin-v2.default-1',
    ]);
    expect(registry.statuses().map((s) => [s.proxy.id, s.connected, s.status])).toEqual([
      ['httpbin-v1.default-1', false, 'NOT SENT'],
      ['httpbin-v2.default-1', false, 'NOT SENT'],
    ]);
    // The same proxy back: taken over in place, the endpoint set is unchanged (no push for it).
    registry.register(kept[0]!, fakeConnection().connection);
    expect(changes).toBe(0);
    expect(registry.statuses().filter((s) => s.proxy.id === 'httpbin-v1.default-1')).toHaveLength(1);
    now += 30_001;
    expect(registry.endpoints().map((e) => e.proxyId)).toEqual(['httpbin-v1.default-1']);
    registry.close(1001, 'done');
  });
});

function memoryOf(initial: ProxyIdentity[]): EndpointMemory & { kept: Map<string, ProxyIdentity> } {
  const kept = new Map(initial.map((i) => [i.id, i]));
  return {
    kept,
    restore: () => [...kept.values()],
    save: (identity) => kept.set(identity.id, identity),
    forget: (id) => kept.delete(id),
  };
}
