import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from './demo-server.js';
import { startHttpbin } from './httpbin.js';
import { jsonOf, send } from './testing/send.js';

let bin: RunningDemoServer;
beforeAll(async () => {
  bin = await startHttpbin({ listen: '127.0.0.1:0', version: 'v1', seed: 7 });
});
afterAll(() => bin.close());

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('httpbin request inspection', () => {
  it('/headers echoes headers with Werkzeug names, Host as received, env headers hidden', async () => {
    const res = await send(`${bin.url}/headers`, {
      headers: [
        ['Host', 'httpbin-shadow:8000'],
        ['x-b3-traceid', 'abc'],
        ['user-agent', 'curl/8.0'],
        ['x-request-id', 'rid-1'],
        ['X-Forwarded-For', '10.0.0.1'],
        ['x-multi', 'a'],
        ['X-Multi', 'b'],
        ['x_under', 'u'],
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-demo-version']).toBe('v1');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(jsonOf(res)).toEqual({
      headers: {
        Host: 'httpbin-shadow:8000',
        'X-B3-Traceid': 'abc',
        'User-Agent': 'curl/8.0',
        'X-Multi': 'a,b',
        'X-Under': 'u',
        Connection: 'close',
      },
      version: 'v1',
    });
  });

  it('/headers?show_env keeps the headers httpbin hides', async () => {
    const res = await send(`${bin.url}/headers?show_env=1`, { headers: [['x-request-id', 'rid-2']] });
    expect((jsonOf(res).headers as Record<string, string>)['X-Request-Id']).toBe('rid-2');
  });

  it('formats JSON as Flask does: sorted keys, two-space indent, ASCII only, trailing newline', async () => {
    const res = await send(`${bin.url}/get?b=2&a=%C3%A9`);
    expect(res.text.endsWith('}\n')).toBe(true);
    expect(res.text).toContain('\n  "args": {\n    "a": "\\u00e9",\n    "b": "2"\n  },');
    expect(Object.keys(jsonOf(res))).toEqual(['args', 'headers', 'origin', 'url', 'version']);
  });

  it('/get gives url, args (repeats as lists), origin and headers', async () => {
    const res = await send(`${bin.url}/get?x=1&y=2&y=3`, { headers: [['Host', 'httpbin:8000']] });
    expect(jsonOf(res)).toMatchObject({
      url: 'http://httpbin:8000/get?x=1&y=2&y=3',
      args: { x: '1', y: ['2', '3'] },
      origin: '127.0.0.1',
    });
  });

  it('origin and url honour X-Forwarded-For and X-Forwarded-Proto', async () => {
    const res = await send(`${bin.url}/get`, {
      headers: [
        ['Host', 'h'],
        ['X-Forwarded-For', '203.0.113.9, 10.0.0.1'],
        ['X-Forwarded-Proto', 'https'],
      ],
    });
    expect(jsonOf(res)).toMatchObject({ origin: '203.0.113.9, 10.0.0.1', url: 'https://h/get' });
    expect(jsonOf(await send(`${bin.url}/ip`, { headers: [['X-Forwarded-For', '198.51.100.4']] }))).toEqual({
      origin: '198.51.100.4',
      version: 'v1',
    });
  });

  it('/ip answers the peer address', async () => {
    expect(jsonOf(await send(`${bin.url}/ip`))).toEqual({ origin: '127.0.0.1', version: 'v1' });
  });
});

describe('httpbin methods and bodies', () => {
  it('/post with JSON gives data and json', async () => {
    const body = JSON.stringify({ a: 1, b: [true, null] });
    const res = await send(`${bin.url}/post?q=1`, {
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body,
    });
    expect(res.status).toBe(200);
    const json = jsonOf(res);
    expect(Object.keys(json)).toEqual([
      'args',
      'data',
      'files',
      'form',
      'headers',
      'json',
      'origin',
      'url',
      'version',
    ]);
    expect(json).toMatchObject({
      args: { q: '1' },
      data: body,
      files: {},
      form: {},
      json: { a: 1, b: [true, null] },
    });
  });

  it('a urlencoded body becomes form, with data empty and json null', async () => {
    const res = await send(`${bin.url}/put`, {
      method: 'PUT',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'name=a+b&tag=1&tag=2',
    });
    expect(jsonOf(res)).toMatchObject({
      form: { name: 'a b', tag: ['1', '2'] },
      data: '',
      json: null,
      files: {},
    });
  });

  it('a multipart body becomes form and files; binary files as data: URLs', async () => {
    const boundary = 'XyZ';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="text"; filename="a.txt"\r\n`),
      Buffer.from('Content-Type: text/plain\r\n\r\nhello\r\n'),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="bin"; filename="b.bin"\r\n`),
      Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
      Buffer.from([0xff, 0x00, 0xfe]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await send(`${bin.url}/patch`, {
      method: 'PATCH',
      headers: [['Content-Type', `multipart/form-data; boundary=${boundary}`]],
      body,
    });
    expect(jsonOf(res)).toMatchObject({
      form: { field: 'value' },
      files: { text: 'hello', bin: 'data:application/octet-stream;base64,/wD+' },
      data: '',
      json: null,
    });
  });

  it('a non-UTF-8 body is data as a data: URL', async () => {
    const res = await send(`${bin.url}/delete`, { method: 'DELETE', body: Buffer.from([0xc3, 0x28]) });
    expect(jsonOf(res)).toMatchObject({ data: 'data:application/octet-stream;base64,wyg=', json: null });
  });

  it('/anything and /anything/* take any method and report it', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await send(`${bin.url}/anything/a/b?k=v`, { method, headers: [['Host', 'x']] });
      expect(res.status).toBe(200);
      expect(jsonOf(res)).toMatchObject({ method, url: 'http://x/anything/a/b?k=v', args: { k: 'v' } });
    }
    const plain = jsonOf(await send(`${bin.url}/anything`, { method: 'POST', body: '[1,2]' }));
    expect(plain).toMatchObject({ method: 'POST', json: [1, 2], data: '[1,2]' });
  });

  it('a method a route does not take answers 405 JSON with Allow', async () => {
    const res = await send(`${bin.url}/post`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST, OPTIONS');
    expect(jsonOf(res)).toMatchObject({ error: 'method not allowed', method: 'GET', version: 'v1' });
  });

  it('HEAD answers headers only; OPTIONS answers the CORS preflight', async () => {
    const head = await send(`${bin.url}/get`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const options = await send(`${bin.url}/get`, {
      method: 'OPTIONS',
      headers: [
        ['Origin', 'http://example.test'],
        ['Access-Control-Request-Headers', 'x-foo'],
      ],
    });
    expect(options.status).toBe(200);
    expect(options.headers).toMatchObject({
      'access-control-allow-origin': 'http://example.test',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
      'access-control-allow-headers': 'x-foo',
    });
  });
});

describe('httpbin status, delay and documents', () => {
  it('/status/{code} answers that code with httpbin extras', async () => {
    expect((await send(`${bin.url}/status/204`)).status).toBe(204);
    const redirect = await send(`${bin.url}/status/302`, { method: 'POST' });
    expect([redirect.status, redirect.headers.location]).toEqual([302, '/redirect/1']);
    const teapot = await send(`${bin.url}/status/418`);
    expect(teapot.status).toBe(418);
    expect(teapot.text).toContain('-=[ teapot ]=-');
    expect((await send(`${bin.url}/status/401`)).headers['www-authenticate']).toBe(
      'Basic realm="Fake Realm"',
    );
    expect((await send(`${bin.url}/status/503`)).status).toBe(503);
  });

  it('/status with a bad code answers 400', async () => {
    for (const bad of ['abc', '99', '600', '200,x', '200:-1', '200:0']) {
      const res = await send(`${bin.url}/status/${bad}`);
      expect([bad, res.status, res.text]).toEqual([bad, 400, 'Invalid status code']);
    }
  });

  it('/status/200,500 picks among the codes; weights steer the pick', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add((await send(`${bin.url}/status/200,500`)).status);
    expect([...seen].sort()).toEqual([200, 500]);
    for (let i = 0; i < 10; i++) expect((await send(`${bin.url}/status/200:0,503:1`)).status).toBe(503);
  });

  it('/delay/{s} answers the request description after the delay', async () => {
    const res = await send(`${bin.url}/delay/0.01?a=1`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(Object.keys(jsonOf(res))).toEqual([
      'args',
      'data',
      'files',
      'form',
      'headers',
      'origin',
      'url',
      'version',
    ]);
    expect((await send(`${bin.url}/delay/soon`)).status).toBe(400);
  });

  it('/uuid answers a fresh uuid4', async () => {
    const a = jsonOf(await send(`${bin.url}/uuid`));
    const b = jsonOf(await send(`${bin.url}/uuid`));
    expect(a.uuid).toMatch(UUID4);
    expect(b.uuid).not.toBe(a.uuid);
  });

  it("/json answers httpbin's slideshow", async () => {
    const json = jsonOf(await send(`${bin.url}/json`));
    expect(json).toMatchObject({
      version: 'v1',
      slideshow: { title: 'Sample Slide Show', author: 'Yours Truly', date: 'date of publication' },
    });
    expect((json.slideshow as { slides: unknown[] }).slides).toHaveLength(2);
  });

  it('/ answers an HTML index; an unknown path answers 404 JSON', async () => {
    const index = await send(`${bin.url}/`);
    expect([index.status, index.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(index.text).toContain('/status/{code}');
    const missing = await send(`${bin.url}/nope?x=1`);
    expect(missing.status).toBe(404);
    expect(jsonOf(missing)).toEqual({ error: 'not found', path: '/nope', version: 'v1' });
  });
});
