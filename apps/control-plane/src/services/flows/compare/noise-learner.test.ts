import { describe, expect, it } from 'vitest';
import { NoiseLearner } from './noise-learner.js';
import { capturedBinary, capturedJson, capturedText, makeFlow } from './test-support.js';

const limits = { maxShapes: 3, maxFieldsPerFingerprint: 100, maxVolatilePerShape: 10 };

describe('NoiseLearner', () => {
  it('learns JSON fields, subtrees and headers that differ between two primaries', () => {
    const learner = new NoiseLearner(limits);
    learner.observe(
      'GET /a',
      makeFlow({ body: capturedJson({ id: 1, same: 's', extra: { x: 1 } }), headers: { 'x-trace': 't1' } }),
    );
    expect(learner.peek('GET /a')!.volatile.size).toBe(0);
    learner.observe(
      'GET /a',
      makeFlow({ body: capturedJson({ id: 2, same: 's' }), headers: { 'x-trace': 't2' } }),
    );
    const noise = learner.peek('GET /a')!;
    expect([...noise.volatile].sort()).toEqual([
      'body:$.extra',
      'body:$.extra.x',
      'body:$.id',
      'header:x-trace',
    ]);
    expect(noise.isVolatile('body:$.extra.y[3]')).toBe(true);
    expect(noise.isVolatile('body:$.same')).toBe(false);
  });

  it('learns text lines and binary bodies; ignores date, content-length and status changes', () => {
    const learner = new NoiseLearner(limits);
    learner.observe('GET /t', makeFlow({ body: capturedText('a\nb\n'), contentType: 'text/plain' }));
    learner.observe('GET /t', makeFlow({ body: capturedText('a\nbb\n'), contentType: 'text/plain' }));
    expect([...learner.peek('GET /t')!.volatile]).toEqual(['body:line 2']);
    learner.observe(
      'GET /b',
      makeFlow({ body: capturedBinary(new Uint8Array([1])), contentType: 'image/png' }),
    );
    learner.observe(
      'GET /b',
      makeFlow({ body: capturedBinary(new Uint8Array([2])), contentType: 'image/png' }),
    );
    expect([...learner.peek('GET /b')!.volatile]).toEqual(['body:body']);
    learner.observe('GET /s', makeFlow({ body: capturedJson({ ok: true }) }));
    learner.observe('GET /s', makeFlow({ status: 500, body: capturedJson({ error: 'boom' }) }));
    expect(learner.peek('GET /s')!.volatile.size).toBe(0);
  });

  it('is bounded: shapes by LRU (evicted ones lose their fingerprint), volatile fields per shape', () => {
    const learner = new NoiseLearner(limits);
    const first = learner.noise('GET /0');
    learner.observe('GET /0', makeFlow());
    for (let i = 1; i < 10; i++) learner.observe(`GET /${i}`, makeFlow());
    expect(learner.shapeCount).toBe(3);
    expect(learner.peek('GET /0')).toBeUndefined();
    expect(first.last).toBeNull();
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, i]));
    learner.observe('GET /w', makeFlow({ body: capturedJson(wide) }));
    learner.observe('GET /w', makeFlow({ body: capturedJson({}) }));
    expect(learner.peek('GET /w')!.volatile.size).toBe(10);
  });
});
