import { resolveDemoOptions } from './demo-options.js';
import { type DemoReply, type RunningDemoServer, startDemoServer } from './demo-server.js';
import { parseDivergeField } from './json-divergence.js';
import type { MusicServiceOptions } from './music-back.js';
import { createUpstreamClient, type UpstreamAnswer } from './upstream-client.js';

interface SongSummary {
  id: unknown;
  title: unknown;
  artist: unknown;
}

/**
 * Starts the Music app's `front`: `GET /` (the song list) and `GET /songs/{id}`, each asking `back`
 * (through the sidecar's outbound listener when `proxy` is set) and saying which back version answered.
 */
export function startMusicFront(options: MusicServiceOptions): Promise<RunningDemoServer> {
  const resolved = resolveDemoOptions(options);
  const divergence = options.divergeField === undefined ? undefined : parseDivergeField(options.divergeField);
  const back = createUpstreamClient({ base: options.upstream ?? 'http://back', proxy: options.proxy });

  const ask = async (
    path: string,
    headers: Parameters<typeof back.get>[1],
    render: (body: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<DemoReply> => {
    let answer: UpstreamAnswer;
    try {
      answer = await back.get(path, headers);
    } catch (err) {
      return { status: 502, json: { error: `back unreachable: ${(err as Error).message}` } };
    }
    const backVersion = answer.headers['x-demo-version'] ?? null;
    if (answer.status !== 200) {
      const status = answer.status === 404 ? 404 : 502;
      return { status, json: { error: `back answered ${answer.status}`, backVersion } };
    }
    try {
      return { status: 200, json: { ...render(JSON.parse(answer.body.toString('utf8'))), backVersion } };
    } catch {
      return { status: 502, json: { error: 'back answered something that is not JSON', backVersion } };
    }
  };

  return startDemoServer(
    {
      divergence,
      handler: ({ method, path, req }) => {
        if (method !== 'GET' && method !== 'HEAD') {
          return {
            status: 405,
            headers: { allow: 'GET, HEAD' },
            json: { error: 'method not allowed', path },
          };
        }
        if (path === '/') {
          return ask('/songs', req.headers, (body) => ({
            page: 'home',
            songs: Array.isArray(body.songs) ? body.songs.map(summary) : [],
          }));
        }
        if (/^\/songs\/\d{1,6}$/.test(path)) {
          return ask(path, req.headers, (body) => ({ page: 'song', song: body.song, format: body.format }));
        }
        return { status: 404, json: { error: 'not found', path } };
      },
      onClose: () => back.close(),
    },
    resolved,
  );
}

function summary(song: unknown): SongSummary {
  const s = (typeof song === 'object' && song !== null ? song : {}) as Record<string, unknown>;
  return { id: s.id, title: s.title, artist: s.artist };
}
