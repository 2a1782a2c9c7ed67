import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from './demo-server.js';
import { MUSIC_BACK_PROFILES, startMusicBack } from './music-back.js';
import { startMusicFront } from './music-front.js';
import { MUSIC_CATALOGUE, startMusicStore } from './music-store.js';
import { jsonOf, send } from './testing/send.js';

/** A minimal forward proxy that records the request targets it is sent (what a sidecar outbound sees). */
function startRecordingProxy(
  upstreams: Record<string, string>,
): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.url} host=${req.headers.host} id=${req.headers['x-request-id'] ?? '-'}`);
    const url = new URL(req.url ?? '/');
    const to = upstreams[url.host];
    if (!to) {
      res.writeHead(404).end('no route');
      return;
    }
    const out = request(`${to}${url.pathname}${url.search}`, { headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(503).end());
    out.end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }),
    ),
  );
}

let store: RunningDemoServer;
let backs: RunningDemoServer[];
let front: RunningDemoServer;
let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

beforeAll(async () => {
  store = await startMusicStore({ listen: '127.0.0.1:0' });
  backs = await Promise.all(
    ['v1', 'v2', 'v3'].map((version) =>
      startMusicBack({ listen: '127.0.0.1:0', version, upstream: store.url, extraLatencyMs: 0 }),
    ),
  );
  proxy = await startRecordingProxy({ back: backs[0]!.url });
  front = await startMusicFront({ listen: '127.0.0.1:0', proxy: proxy.url });
});

afterAll(async () => {
  await front.close();
  await Promise.all(backs.map((b) => b.close()));
  await store.close();
  proxy.server.close();
});

describe('the Music app', () => {
  it('store answers the catalogue and one song, 404 for others', async () => {
    expect(jsonOf(await send(`${store.url}/songs`)).songs).toEqual(MUSIC_CATALOGUE);
    expect(jsonOf(await send(`${store.url}/songs/4`)).song).toMatchObject({ title: 'Naima' });
    expect((await send(`${store.url}/songs/99`)).status).toBe(404);
  });

  it('back v1 and v2 answer byte for byte alike; v3 differs in format.bitrate only', async () => {
    const [v1, v2, v3] = await Promise.all(backs.map((b) => send(`${b.url}/songs`)));
    expect(v1!.text).toBe(v2!.text);
    expect([v1!.headers['x-demo-version'], v2!.headers['x-demo-version']]).toEqual(['v1', 'v2']);
    const a = jsonOf(v1!);
    const b = jsonOf(v3!);
    expect(a.format).toEqual({ codec: 'mp3', bitrate: 320 });
    expect(b.format).toEqual({ codec: 'mp3', bitrate: '320kbps' });
    expect({ ...b, format: a.format }).toEqual(a);
    expect(a).not.toHaveProperty('version');
  });

  it('back answers under /back too (where the tutorial Gateway sends /back)', async () => {
    const res = await send(`${backs[0]!.url}/back/songs/2`);
    expect(jsonOf(res).song).toMatchObject({ title: 'Take Five' });
    expect(jsonOf(await send(`${backs[0]!.url}/back`)).count).toBe(MUSIC_CATALOGUE.length);
  });

  it('front calls back through its proxy with an absolute-form target and passes x-request-id on', async () => {
    const res = await send(`${front.url}/songs/1`, { headers: [['x-request-id', 'req-42']] });
    expect(res.status).toBe(200);
    expect(jsonOf(res)).toMatchObject({ page: 'song', song: { title: 'So What' }, backVersion: 'v1' });
    expect(proxy.seen).toContain('http://back/songs/1 host=back id=req-42');
    const home = jsonOf(await send(`${front.url}/`));
    expect(home.songs).toHaveLength(MUSIC_CATALOGUE.length);
  });

  it('front answers 502 when back is unreachable, and passes 404 on', async () => {
    const lonely = await startMusicFront({ listen: '127.0.0.1:0', upstream: 'http://127.0.0.1:1' });
    try {
      const res = await send(`${lonely.url}/`);
      expect(res.status).toBe(502);
      expect(String(jsonOf(res).error)).toMatch(/^back unreachable/);
    } finally {
      await lonely.close();
    }
    expect((await send(`${front.url}/songs/77`)).status).toBe(404);
  });

  it('each back version has its profile: v3 is slower unless told otherwise', async () => {
    const slow = await startMusicBack({ listen: '127.0.0.1:0', version: 'v3', upstream: store.url });
    try {
      const res = await send(`${slow.url}/songs/1`);
      expect(jsonOf(res).format).toEqual({ codec: 'mp3', bitrate: '320kbps' });
      // A lower bound only (the profile's added wait), never an upper one.
      const wait = MUSIC_BACK_PROFILES.v3!.extraLatencyMs;
      expect(slow.accessLog.entries()[0]!.durationMs).toBeGreaterThanOrEqual(wait - 2);
    } finally {
      await slow.close();
    }
  });
});
