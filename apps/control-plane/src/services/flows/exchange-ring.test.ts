import { describe, expect, it } from 'vitest';
import { mirrorRecord, primaryRecord, textBody } from '../../testing/flow-records.js';
import { ExchangeRing } from './exchange-ring.js';

function addPrimary(ring: ExchangeRing, requestId: string, body = 'x') {
  const { exchange } = ring.open(requestId, requestId, 0);
  ring.add(exchange, primaryRecord(requestId, { responseBody: textBody(body) }), 0);
  return exchange;
}

describe('ExchangeRing', () => {
  it('keeps at most maxExchanges, evicting the oldest first and counting them', () => {
    const ring = new ExchangeRing({ maxExchanges: 3 });
    for (let i = 0; i < 5; i++) addPrimary(ring, `r${i}`);
    expect(ring.size).toBe(3);
    expect([...ring.values()].map((e) => e.requestId)).toEqual(['r2', 'r3', 'r4']);
    expect(ring.get('r0')).toBeUndefined();
    expect(ring.evictedExchanges).toBe(2);
    expect(ring.evictedRecords).toBe(2);
    expect(ring.records).toBe(3);
  });

  it('keeps at most maxBodyChars of captured bodies', () => {
    const ring = new ExchangeRing({ maxBodyChars: 25 });
    for (let i = 0; i < 4; i++) addPrimary(ring, `r${i}`, '0123456789');
    expect(ring.bytes).toBeLessThanOrEqual(25);
    expect([...ring.values()].map((e) => e.requestId)).toEqual(['r2', 'r3']);
    expect(ring.bytes).toBe(20);
  });

  it('counts every record of an evicted exchange and its body characters', () => {
    const ring = new ExchangeRing({ maxExchanges: 1 });
    const first = addPrimary(ring, 'a', 'abc');
    ring.add(first, mirrorRecord(first.primary!, { responseBody: textBody('defg') }), 0);
    expect(ring.bytes).toBe(7);
    addPrimary(ring, 'b', 'z');
    expect(ring.evictedRecords).toBe(2);
    expect(ring.records).toBe(1);
    expect(ring.bytes).toBe(1);
    expect(ring.holds(first)).toBe(false);
  });

  it('bounds exchanges whose primary has not arrived, oldest evicted first', () => {
    const ring = new ExchangeRing({ maxOrphans: 2 });
    const p = primaryRecord('x');
    for (const id of ['o1', 'o2', 'o3']) {
      const { exchange } = ring.open(id, id, 0);
      ring.add(exchange, mirrorRecord({ ...p, requestId: id }), 0);
    }
    expect(ring.orphans).toBe(2);
    expect(ring.get('o1')).toBeUndefined();
    // A primary arriving makes an exchange no longer an orphan.
    ring.add(ring.get('o2')!, primaryRecord('o2'), 0);
    expect(ring.orphans).toBe(1);
  });

  it('returns the same exchange for the same request id', () => {
    const ring = new ExchangeRing();
    const a = ring.open('same', 'same', 0);
    const b = ring.open('same', 'same', 5);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.exchange).toBe(a.exchange);
  });
});
