import { describe, expect, it } from 'vitest';
import { authorityFromHeaderOps, EMPTY_HEADER_OPS, mergeHeaderOps } from './header-ops.js';

describe('mergeHeaderOps', () => {
  it('merges route level then destination level, lower-casing names', () => {
    const ops = mergeHeaderOps(
      { set: { 'X-A': 'route' }, add: { 'x-add': '1' }, remove: ['X-R'] },
      { set: { 'x-a': 'dest' }, add: { 'X-Add': '2' }, remove: ['x-r', 'x-r2'] },
    );
    expect(ops).toEqual({ set: { 'x-a': 'dest' }, add: { 'x-add': '1,2' }, remove: ['x-r', 'x-r2'] });
    expect(Object.isFrozen(ops)).toBe(true);
  });

  it('returns the shared empty ops when no layer is given', () => {
    expect(mergeHeaderOps(undefined, undefined)).toBe(EMPTY_HEADER_OPS);
  });

  // Validation refuses these (SM0701); a standalone file or an older stored config must not reach framing.
  it.each([
    ['content-length', 'Content-Length'],
    ['transfer-encoding', 'Transfer-Encoding'],
    ['connection', 'Connection'],
    ['upgrade', 'UPGRADE'],
    ['te', 'TE'],
    ['trailer', 'Trailer'],
    ['keep-alive', 'Keep-Alive'],
    ['proxy-*', 'Proxy-Authorization'],
    ['proxy-*', 'proxy-connection'],
  ])('drops %s (%s) from set, add and remove at every level', (_rule, name) => {
    const ops = mergeHeaderOps(
      { set: { [name]: '5', 'x-keep': 'a' }, add: { [name]: 'chunked' }, remove: [name, 'x-gone'] },
      { set: { [name.toLowerCase()]: '7' }, remove: [name.toUpperCase()] },
    );
    expect(ops).toEqual({ set: { 'x-keep': 'a' }, add: {}, remove: ['x-gone'] });
  });

  it('keeps names that only resemble reserved ones', () => {
    const ops = mergeHeaderOps({
      set: { 'x-content-length': '1', tea: '2' },
      remove: ['x-proxy-id', 'content-type'],
    });
    expect(ops).toEqual({
      set: { 'x-content-length': '1', tea: '2' },
      add: {},
      remove: ['x-proxy-id', 'content-type'],
    });
  });

  it('leaves host and :authority to authorityFromHeaderOps', () => {
    const layers = [{ set: { host: 'a:1' } }, { add: { ':authority': 'b:2' } }];
    expect(mergeHeaderOps(...layers)).toEqual({ set: {}, add: {}, remove: [] });
    expect(authorityFromHeaderOps(...layers)).toBe('b:2');
  });
});
