import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BodyCapture, completeUtf8Length, encodeBody } from './body-capture.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function capture(limit: number, ...chunks: Buffer[]): BodyCapture {
  const c = new BodyCapture(limit);
  for (const chunk of chunks) c.write(chunk);
  c.end();
  return c;
}

describe('BodyCapture', () => {
  it('keeps the first N bytes and hashes the whole body (size and sha256 as node:crypto has them)', () => {
    const body = Buffer.from('a'.repeat(1000));
    const c = capture(100, body.subarray(0, 30), body.subarray(30, 700), body.subarray(700));
    expect(c.result()).toEqual({
      encoding: 'utf8',
      data: 'a'.repeat(100),
      size: 1000,
      truncated: true,
      sha256: sha(body),
    });
  });

  it('is null for an empty body, and whole when the body fits', () => {
    expect(capture(16).result()).toBeNull();
    expect(capture(16, Buffer.from('hello')).result()).toMatchObject({
      data: 'hello',
      size: 5,
      truncated: false,
    });
  });

  it('copies what it keeps (a chunk may be a view of a buffer that is reused)', () => {
    const shared = Buffer.from('first');
    const c = new BodyCapture(16);
    c.write(shared);
    shared.write('XXXXX');
    c.end();
    expect(c.result()?.data).toBe('first');
  });

  it('encodes a binary body in base64', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80]), randomBytes(200)]);
    const got = capture(64, body).result();
    expect(got?.encoding).toBe('base64');
    expect(Buffer.from(got?.data ?? '', 'base64')).toEqual(body.subarray(0, 64));
    expect(got?.sha256).toBe(sha(body));
  });

  it('drops a UTF-8 sequence cut at the limit instead of calling the body binary', () => {
    const body = Buffer.from('ab€cd'); // € is 3 bytes: limit 4 cuts it after its first byte
    const got = capture(4, body).result();
    expect(got).toMatchObject({ encoding: 'utf8', data: 'ab', size: body.length, truncated: true });
    expect(completeUtf8Length(Buffer.from('ab€'))).toBe(5);
    expect(completeUtf8Length(Buffer.from('ab€').subarray(0, 4))).toBe(2);
    expect(completeUtf8Length(Buffer.from('😀').subarray(0, 3))).toBe(0);
  });

  it('gives a snapshot before the body ends and the final result after', () => {
    const c = new BodyCapture(8);
    c.write(Buffer.from('hello '));
    expect(c.result()).toMatchObject({ size: 6, sha256: sha(Buffer.from('hello ')) });
    c.write(Buffer.from('world'));
    c.end();
    expect(c.result()).toMatchObject({ data: 'hello wo', size: 11, sha256: sha(Buffer.from('hello world')) });
  });

  it('masks given values (redacted header values echoed in a text body)', () => {
    const body = Buffer.from('{"authorization":"Bearer s3cret-token"}');
    const got = encodeBody(body, body.length, sha(body), new Set(['Bearer s3cret-token', 'ab']));
    expect(got.data).toBe('{"authorization":"[redacted]"}');
    // Cut by the limit in the middle of the value: the part that was kept is masked too.
    const cut = encodeBody(body.subarray(0, 28), body.length, sha(body), new Set(['Bearer s3cret-token']));
    expect(cut.data).toBe('{"authorization":"[redacted]');
  });
});
