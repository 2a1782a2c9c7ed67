import { type DemoServerOptions, resolveDemoOptions } from './demo-options.js';
import { type DemoReply, type RunningDemoServer, startDemoServer } from './demo-server.js';
import { parseDivergeField } from './json-divergence.js';
import { createUpstreamClient } from './upstream-client.js';

/** Options of the Music app's `front` and `back`, which call the next service. */
export interface MusicServiceOptions extends DemoServerOptions {
  /** The service called, as the mesh names it. Default `http://back` (front) or `http://store` (back). */
  upstream?: string;
  /** HTTP proxy for that call: the workload's sidecar outbound listener. Absent ⇒ straight to `upstream`. */
  proxy?: string;
  /** `name=value` set in every JSON answer (default: the version's profile). */
  divergeField?: string;
}

/** How each version of `back` behaves unless told otherwise (`extraLatencyMs`, `divergeField`). */
export interface MusicBackProfile {
  readonly extraLatencyMs: number;
  readonly divergeField?: string;
  readonly summary: string;
}

export const MUSIC_BACK_PROFILES: Readonly<Record<string, MusicBackProfile>> = Object.freeze({
  v1: { extraLatencyMs: 0, summary: 'the release in production' },
  v2: { extraLatencyMs: 5, summary: 'the canary: the same answers, a little slower' },
  v3: {
    extraLatencyMs: 60,
    divergeField: 'format.bitrate="320kbps"',
    summary: 'answers format.bitrate as text ("320kbps" instead of 320) and is slower',
  },
});

/** What every answer about songs says about the audio format (v3 changes `bitrate`). */
const FORMAT = Object.freeze({ codec: 'mp3', bitrate: 320 });

/**
 * Starts the Music app's `back`: `GET /songs` and `GET /songs/{id}` (also under `/back`, where the
 * tutorial's Gateway sends `/back…`), read from `store`. Its JSON carries no `version` field, so v1 and v2
 * answer byte for byte alike and v3 differs in exactly one field.
 */
export function startMusicBack(options: MusicServiceOptions): Promise<RunningDemoServer> {
  const version = options.version ?? 'v1';
  const profile = MUSIC_BACK_PROFILES[version] ?? MUSIC_BACK_PROFILES.v1!;
  const resolved = resolveDemoOptions({
    ...options,
    extraLatencyMs: options.extraLatencyMs ?? profile.extraLatencyMs,
  });
  const diverge = options.divergeField ?? profile.divergeField;
  const divergence = diverge === undefined ? undefined : parseDivergeField(diverge);
  const store = createUpstreamClient({ base: options.upstream ?? 'http://store', proxy: options.proxy });

  const fromStore = async (path: string, headers: Parameters<typeof store.get>[1]): Promise<DemoReply> => {
    let answer: Awaited<ReturnType<typeof store.get>>;
    try {
      answer = await store.get(path, headers);
    } catch (err) {
      return { status: 502, json: { error: `store unreachable: ${(err as Error).message}` } };
    }
    if (answer.status === 404) return { status: 404, json: { error: 'not found', path } };
    if (answer.status !== 200) return { status: 502, json: { error: `store answered ${answer.status}` } };
    let body: { songs?: unknown[]; song?: unknown };
    try {
      body = JSON.parse(answer.body.toString('utf8')) as typeof body;
    } catch {
      return { status: 502, json: { error: 'store answered something that is not JSON' } };
    }
    if (Array.isArray(body.songs)) {
      return { status: 200, json: { songs: body.songs, count: body.songs.length, format: { ...FORMAT } } };
    }
    return { status: 200, json: { song: body.song, format: { ...FORMAT } } };
  };

  return startDemoServer(
    {
      versionField: false,
      divergence,
      handler: ({ method, path, req }) => {
        if (method !== 'GET' && method !== 'HEAD') {
          return {
            status: 405,
            headers: { allow: 'GET, HEAD' },
            json: { error: 'method not allowed', path },
          };
        }
        const local = path === '/back' ? '/' : path.startsWith('/back/') ? path.slice(5) : path;
        if (local === '/' || local === '/songs') return fromStore('/songs', req.headers);
        if (/^\/songs\/\d{1,6}$/.test(local)) return fromStore(local, req.headers);
        return { status: 404, json: { error: 'not found', path } };
      },
      onClose: () => store.close(),
    },
    resolved,
  );
}
